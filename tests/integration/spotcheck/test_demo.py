"""The demo contract: a finished round (plan, draw, samples, approved results with at
least one failing and one passing sample, signed reports), loaded idempotently."""

from __future__ import annotations

import pytest

from cablewatch.base.demo import load_demo
from cablewatch.spotcheck.models import Plan, Report, ResultVersion, Sample
from cablewatch.spotcheck.services.plans import redraw_differences
from cablewatch.spotcheck.services.reports import verify_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_holds_a_finished_round_and_loads_twice_without_adding() -> None:
    load_demo()
    counts = (Plan.objects.count(), Sample.objects.count(), Report.objects.count())
    load_demo()
    assert (Plan.objects.count(), Sample.objects.count(), Report.objects.count()) == counts
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.DRAWN and redraw_differences(plan) == []
    assert set(Sample.objects.values_list("verdict", flat=True)) == {"pass", "fail"}
    assert not ResultVersion.objects.exclude(status=ResultVersion.Status.APPROVED).exists()
    for report in Report.objects.all():
        assert verify_pdf(bytes(report.pdf)).genuine
