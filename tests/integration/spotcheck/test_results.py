"""Versions, the final-result event, re-tests that replace the first result, rectification."""

from __future__ import annotations

import re

import pytest

from cablewatch.base.errors import DomainError, PermissionDeniedError
from cablewatch.base.events import EVENTS, Event
from cablewatch.base.events import _handlers as handlers
from cablewatch.base.events import _register as subscribe  # a test listener, not in SUBSCRIBERS
from cablewatch.base.models import User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import Rectification, ResultVersion
from cablewatch.spotcheck.services import aftermath, results
from tests.conftest import make_user
from tests.integration.spotcheck.helpers import (
    FAILING,
    PASSING,
    approved_sample,
    drawn_plan,
    first_task,
    make_cast,
    sample_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def events() -> list[Event]:
    seen: list[Event] = []
    subscribe("spotcheck.result.final", seen.append)
    yield seen
    handlers["spotcheck.result.final"].remove(seen.append)


def _contract_fields() -> set[str]:
    text = EVENTS["spotcheck.result.final"].split("Payload:", 1)[1]
    return {
        m.group(1)
        for m in re.finditer(r"([a-z_]+)(?: \([^)]*\)| \[[^\]]*\])?(?:,|$)", text.strip())
    }


def test_the_final_event_carries_exactly_the_contract_fields(
    alice: User, shaanxi_maker: Enterprise, events: list[Event]
) -> None:
    cast = make_cast(alice)
    approved_sample(cast, first_task(drawn_plan(cast)), FAILING)
    payload = events[0].payload
    assert set(payload) == _contract_fields()
    assert payload["verdict"] == "fail" and payload["severity"] in ("serious", "general")
    assert payload["enterprise_name"] == shaanxi_maker.name and payload["retest"] is False


def test_a_change_after_approval_needs_a_reason_and_keeps_every_version(
    alice: User, shaanxi_maker: Enterprise, events: list[Event]
) -> None:
    cast = make_cast(alice)
    sample = approved_sample(cast, first_task(drawn_plan(cast)), FAILING)
    with pytest.raises(DomainError):
        results.submit_results(actor=cast.analyst, sample=sample, measurements=PASSING)
    results.submit_results(
        actor=cast.analyst, sample=sample, measurements=PASSING, reason="录入错误，原始记录为 7.30"
    )
    results.approve_results(actor=cast.reviewer, sample=sample)
    statuses = list(sample.results.order_by("version").values_list("status", flat=True))
    assert statuses == [ResultVersion.Status.SUPERSEDED, ResultVersion.Status.APPROVED]
    assert [e.payload["verdict"] for e in events] == ["fail", "pass"]
    assert sample.reports.filter(superseded=False).count() == 1


def test_a_retest_goes_to_another_lab_and_its_result_replaces_the_first(
    alice: User, shaanxi_maker: Enterprise, maker_user: User, events: list[Event]
) -> None:
    cast = make_cast(alice)
    sample = approved_sample(cast, first_task(drawn_plan(cast)), FAILING)
    assert Rectification.objects.filter(sample=sample).exists()
    retest = aftermath.request_retest(
        actor=maker_user, sample=sample, items=["conductor_resistance"], reason="有异议"
    )
    assert retest.lab == cast.lab2
    with pytest.raises(PermissionDeniedError):
        results.submit_results(actor=cast.analyst, sample=sample, measurements={})
    with pytest.raises(DomainError):  # only the disputed items
        results.submit_results(actor=cast.analyst2, sample=sample, measurements={"marking": "pass"})
    results.submit_results(
        actor=cast.analyst2,
        sample=sample,
        measurements={"conductor_resistance": {"value": 7.2, "temperature_c": 20.0}},
    )
    results.approve_results(actor=cast.reviewer2, sample=sample)
    sample.refresh_from_db()
    assert sample.verdict == "pass" and sample.final
    assert events[-1].payload["retest"] is True and events[-1].payload["verdict"] == "pass"
    assert not Rectification.objects.filter(sample=sample).exists()
    with pytest.raises(DomainError):
        aftermath.request_retest(
            actor=maker_user, sample=sample, items=["conductor_resistance"], reason="再来"
        )


def test_voltage_tests_are_never_retested(
    alice: User, shaanxi_maker: Enterprise, maker_user: User
) -> None:
    cast = make_cast(alice)
    sample = approved_sample(
        cast, first_task(drawn_plan(cast)), {**FAILING, "voltage_test": "fail"}
    )
    assert "voltage_test" in sample.failed_items
    assert "voltage_test" not in aftermath.retestable_items(sample)
    with pytest.raises(DomainError):
        aftermath.request_retest(
            actor=maker_user, sample=sample, items=["voltage_test"], reason="x"
        )


def test_only_the_drawn_inspectors_record_the_sample(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    cast = make_cast(alice)
    task = first_task(drawn_plan(cast))
    outsider = next(u for u in cast.inspectors if not task.inspectors.filter(pk=u.pk).exists())
    task.inspectors.set([outsider.pk, *task.inspectors.values_list("pk", flat=True)][1:])
    with pytest.raises(DomainError):
        from cablewatch.spotcheck.services import sampling

        sampling.record_sample(actor=outsider, task=task, data={})


def test_an_analyst_of_another_lab_cannot_enter(alice: User, shaanxi_maker: Enterprise) -> None:
    cast = make_cast(alice)
    sample = sample_for(first_task(drawn_plan(cast)))
    with pytest.raises(PermissionDeniedError):
        results.submit_results(actor=cast.analyst2, sample=sample, measurements=PASSING)
    stranger = make_user("stranger", "lab_reviewer", cast.lab2)
    results.submit_results(actor=cast.analyst, sample=sample, measurements=PASSING)
    with pytest.raises(PermissionDeniedError):
        results.approve_results(actor=stranger, sample=sample)


def test_replacing_a_drawn_inspector_needs_a_reason_and_shows_in_redraw(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    from cablewatch.base.models import AuditEntry
    from cablewatch.spotcheck.services import plans

    cast = make_cast(alice)
    plan = drawn_plan(cast)
    task = first_task(plan)
    old = task.inspectors.order_by("pk").first()
    new = next(u for u in cast.inspectors if not task.inspectors.filter(pk=u.pk).exists())
    assert old is not None
    with pytest.raises(DomainError):
        plans.replace_inspector(actor=alice, task=task, old=old, new=new, reason=" ")
    plans.replace_inspector(actor=alice, task=task, old=old, new=new, reason="住院，无法出差")
    entry = AuditEntry.objects.get(action="spotcheck.task.inspector_replaced")
    assert entry.reason == "住院，无法出差"
    assert "task 1" in plans.redraw_differences(plan)[0]


def test_the_draw_can_happen_only_once(alice: User, shaanxi_maker: Enterprise) -> None:
    from cablewatch.spotcheck.services import plans

    cast = make_cast(alice)
    plan = drawn_plan(cast)
    with pytest.raises(DomainError):
        plans.run_draw(actor=alice, plan=plan)
    with pytest.raises(DomainError):
        plans.publish_inputs(actor=alice, plan=plan, public_value="another value")
