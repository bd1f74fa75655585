"""The whole loop across apps: one failing sample, approved by the lab's reviewer,
reaches enforcement (a case), certification and the home region (outbox/inbox),
tracing (a recall source) — all in the transaction that made the result final."""

from __future__ import annotations

import pytest

from cablewatch.enforcement.models import Case
from cablewatch.sharing.models import OutboxEvent
from cablewatch.tracing.models import RecallSource
from tests.integration.spotcheck.helpers import (
    FAILING,
    PASSING,
    approved_sample,
    drawn_plan,
    first_task,
    make_cast,
)

pytestmark = pytest.mark.django_db


def test_a_failed_sample_reaches_every_department(alice, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    cast = make_cast(alice)
    plan = drawn_plan(cast)
    task = first_task(plan)
    sample = approved_sample(cast, task, FAILING)

    case = Case.objects.get(origin="spotcheck", enterprise=task.enterprise)
    assert case.origin_ref
    outbox = OutboxEvent.objects.filter(name="spotcheck.result.final")
    assert [e.payload["verdict"] for e in outbox] == ["fail"]
    report_number = outbox.get().payload["report_number"]
    assert RecallSource.objects.filter(report_number=report_number).exists()
    assert sample.pk


def test_a_passing_sample_opens_no_case(alice, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    cast = make_cast(alice)
    task = first_task(drawn_plan(cast))
    approved_sample(cast, task, PASSING)
    assert not Case.objects.filter(enterprise=task.enterprise).exists()
    assert not RecallSource.objects.exists()
    assert OutboxEvent.objects.filter(name="spotcheck.result.final").count() == 1
