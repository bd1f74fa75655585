from __future__ import annotations

import pytest

from cablewatch.base.errors import PermissionDeniedError
from cablewatch.base.events import Event
from cablewatch.base.events import _handlers as handlers
from cablewatch.base.events import _register as subscribe  # a test listener, not in SUBSCRIBERS
from cablewatch.base.models import User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import ResultVersion
from cablewatch.spotcheck.services import plans, reports, results
from tests.integration.spotcheck.helpers import (
    FAILING,
    PASSING,
    drawn_plan,
    first_task,
    make_cast,
    sample_for,
)

pytestmark = pytest.mark.django_db


def test_it_runs_a_round_to_a_signed_failing_report(alice: User, shaanxi_maker: Enterprise) -> None:
    seen: list[Event] = []
    subscribe("spotcheck.result.final", seen.append)
    try:
        cast = make_cast(alice)
        plan = drawn_plan(cast)
        assert plans.redraw_differences(plan) == []
        sample = sample_for(first_task(plan))
        results.submit_results(actor=cast.analyst, sample=sample, measurements=FAILING)
        results.approve_results(actor=cast.reviewer, sample=sample)
    finally:
        handlers["spotcheck.result.final"].remove(seen.append)
    sample.refresh_from_db()
    assert sample.verdict == "fail" and sample.failed_items == ["conductor_resistance"]
    report = sample.reports.get()
    assert reports.verify_pdf(bytes(report.pdf)).genuine
    assert seen[0].payload["report_number"] == report.number


def test_it_refuses_a_reviewer_approving_their_own_entry(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    cast = make_cast(alice)
    sample = sample_for(first_task(drawn_plan(cast)))
    cast.reviewer.groups.add(*cast.analyst.groups.all())
    results.submit_results(actor=cast.reviewer, sample=sample, measurements=PASSING)
    with pytest.raises(PermissionDeniedError):
        results.approve_results(actor=cast.reviewer, sample=sample)
    assert sample.results.get().status == ResultVersion.Status.SUBMITTED
