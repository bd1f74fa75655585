"""A real spot check reaches the public record: final result -> candidate -> announcement,
only once the re-test window has closed (or the re-test's result is final)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cablewatch.base.errors import DomainError
from cablewatch.base.models import Division, User
from cablewatch.portal.models import DisclosureCandidate, PublishedResult
from cablewatch.portal.services import announcements as service
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.services import aftermath, results
from tests.conftest import make_user
from tests.integration.spotcheck.helpers import (
    FAILING,
    PASSING,
    approved_sample,
    drawn_plan,
    first_task,
    make_cast,
)

pytestmark = pytest.mark.django_db
DAY1 = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
DRAWN = DAY1 - dt.timedelta(days=1)
AFTER_WINDOW = dt.datetime(2026, 12, 17, 9, tzinfo=dt.UTC)  # notified 1 Dec + 15 days, + 1


def _generate(actor: User, ids: list[int], number: str = "N-1") -> object:
    return service.generate_announcement(
        actor=actor,
        division=Division.objects.get(code="610000"),
        title="t",
        number=number,
        disclosure_date=timezone.localdate(),
        candidate_ids=ids,
    )


def test_a_failed_sample_is_announced_after_its_retest_window_and_then_public(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    cast = make_cast(alice)
    with time_machine.travel(DRAWN):  # the draw comes before the sampling
        task = first_task(drawn_plan(cast))
    with time_machine.travel(DAY1):
        sample = approved_sample(cast, task, FAILING)
        candidate = DisclosureCandidate.objects.get()
        assert (candidate.status, candidate.verdict) == ("pending", "fail")
        assert candidate.retest_deadline == dt.date(2026, 12, 16)
        assert candidate.plan_ref == task.plan_id and candidate.plan_name == task.plan.name
        with pytest.raises(DomainError) as refused:
            _generate(alice, [candidate.pk])
        assert refused.value.code == "not_eligible" and "2026" in refused.value.message
    with (
        time_machine.travel(dt.datetime(2026, 12, 16, 9, tzinfo=dt.UTC)),
        pytest.raises(DomainError),
    ):
        _generate(alice, [candidate.pk])  # the last day of the window is still open
    with time_machine.travel(AFTER_WINDOW):
        made = _generate(alice, [candidate.pk])
        service.approve_announcement(actor=carol, announcement=made)  # type: ignore[arg-type]
        row = PublishedResult.objects.get()
        assert row.enterprise_id == task.enterprise.pk
        assert (row.source, row.verdict) == ("platform", "fail")
        report = sample.reports.get()
        page = Client().get(reverse("verify:number", args=[report.number])).content.decode()
    assert shaanxi_maker.name in page and 'data-test="report-content"' in page


def test_a_pending_retest_holds_the_result_back_until_its_result_is_final(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    cast = make_cast(alice)
    maker = make_user("maker", "enterprise_user", enterprise=shaanxi_maker)
    with time_machine.travel(DRAWN):  # the draw comes before the sampling
        task = first_task(drawn_plan(cast))
    with time_machine.travel(DAY1):
        sample = approved_sample(cast, task, FAILING)
        aftermath.request_retest(
            actor=maker,
            sample=sample,
            items=aftermath.retestable_items(sample),
            reason="对导体电阻结果有异议",
        )
    candidate = DisclosureCandidate.objects.get()
    assert candidate.retest_pending
    with time_machine.travel(AFTER_WINDOW):
        with pytest.raises(DomainError) as refused:
            _generate(alice, [candidate.pk])
        assert "已申请复检" in refused.value.message
        results.submit_results(
            actor=cast.analyst2,
            sample=sample,
            measurements={"conductor_resistance": PASSING["conductor_resistance"]},
        )
        results.approve_results(actor=cast.reviewer2, sample=sample)
        candidate = DisclosureCandidate.objects.get()
        assert (candidate.retest, candidate.retest_pending, candidate.verdict) == (
            True,
            False,
            "pass",
        )
        made = _generate(alice, [candidate.pk])
        service.approve_announcement(actor=carol, announcement=made)  # type: ignore[arg-type]
    assert PublishedResult.objects.get().verdict == "pass"


def test_a_passing_result_can_be_announced_at_once(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    cast = make_cast(alice)
    with time_machine.travel(DRAWN):
        task = first_task(drawn_plan(cast))
    with time_machine.travel(DAY1):
        approved_sample(cast, task, PASSING)
        candidate = DisclosureCandidate.objects.get()
        assert candidate.retest_deadline is None
        assert service.ineligible(candidate) == ""
        made = _generate(alice, [candidate.pk])
        service.approve_announcement(actor=carol, announcement=made)  # type: ignore[arg-type]
    assert PublishedResult.objects.count() == 1
