"""The demo contract: a finished round (plan, draw, samples, approved results with at
least one failing and one passing sample, signed reports), rounds in every other state a
bureau meets, a cast with two officers in each province, and idempotent loading."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cablewatch.base.demo import load_demo, read_demo_logins
from cablewatch.base.models import Agency, Role, User
from cablewatch.enforcement.models import Case
from cablewatch.spotcheck import demo
from cablewatch.spotcheck.models import NotSampled, Plan, Report, ResultVersion, Sample
from cablewatch.spotcheck.services.aftermath import retest_deadline
from cablewatch.spotcheck.services.plans import redraw_differences
from cablewatch.spotcheck.services.reports import verify_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _counts() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        Sample.objects.count(),
        Report.objects.count(),
        ResultVersion.objects.count(),
        NotSampled.objects.count(),
        Case.objects.count(),
        User.objects.count(),
    )


def test_the_demo_holds_rounds_in_every_state_and_loads_twice_without_adding() -> None:
    # This test used to pin a single plan whose every result was approved; the demo now
    # holds a round in each state (issue 11, item 8), so it pins those instead.
    load_demo()
    counts = _counts()
    load_demo()
    assert _counts() == counts
    today = timezone.localdate()

    finished = Plan.objects.get(name=demo.PLAN_NAME)
    assert finished.status == Plan.Status.DRAWN and redraw_differences(finished) == []
    done = Sample.objects.filter(task__plan=finished)
    assert set(done.values_list("verdict", flat=True)) == {"pass", "fail"}
    assert all(s.final and retest_deadline(s) >= today for s in done)  # type: ignore[operator]
    for report in Report.objects.all():
        assert verify_pdf(bytes(report.pdf)).genuine

    announced = Sample.objects.filter(task__plan__name=demo.ANNOUNCED_PLAN)
    assert announced.count() == 5 and all(s.final for s in announced)
    assert all(retest_deadline(s) < today for s in announced)  # type: ignore[operator]
    assert set(announced.values_list("verdict", flat=True)) == {"pass", "fail"}

    in_review = Sample.objects.filter(task__plan__name=demo.REVIEW_PLAN)
    assert in_review.exists() and {s.status for s in in_review} == {Sample.Status.SUBMITTED}
    testing = Sample.objects.filter(task__plan__name=demo.TESTING_PLAN)
    assert testing.exists() and {s.status for s in testing} == {Sample.Status.SAMPLED}
    assert not Plan.objects.get(name=demo.DRAWN_PLAN).tasks.filter(sample__isnull=False).exists()
    assert Plan.objects.get(name=demo.DRAFT_PLAN).status == Plan.Status.DRAFT

    city = Plan.objects.get(name=demo.CITY_PLAN)
    assert city.division_id == "610100"
    assert Sample.objects.filter(task__plan=city).count() == 1
    assert set(NotSampled.objects.filter(task__plan=city).values_list("reason", flat=True)) == {
        "refused",
        "no_stock",
    }
    assert city.tasks.filter(sample__isnull=True, not_sampled__isnull=True).exists()
    assert Case.objects.filter(origin="refusal", violation="refused_inspection").count() == 1
    for plan in Plan.objects.exclude(status=Plan.Status.DRAFT):
        assert redraw_differences(plan) == [], plan.name


def test_the_cast_needs_no_borrowing() -> None:
    load_demo()
    officers = User.objects.filter(groups__name=Role.SUPERVISION)
    for code in ("sx-amr", "gd-amr", "js-amr", "hb-amr", "samr"):
        assert officers.filter(agency__code=code).count() >= 2, code
    assert officers.filter(agency__division__level="city").exists()
    for lab in Agency.objects.filter(kind=Agency.Kind.LAB):
        staff = User.objects.filter(agency=lab)
        assert staff.filter(groups__name=Role.LAB_ANALYST).count() >= 2, lab.code
        assert staff.filter(groups__name=Role.LAB_REVIEWER).count() >= 2, lab.code
    logins = read_demo_logins()
    assert {row["role"] for row in logins} == set(Role.values)
    assert all(row["password"] and row["who"] for row in logins)
