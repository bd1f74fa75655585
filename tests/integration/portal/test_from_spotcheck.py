"""A real spot check reaches the public record: final result -> candidate -> announcement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cablewatch.base.models import Division, User
from cablewatch.portal.models import DisclosureCandidate, PublishedResult
from cablewatch.portal.services import announcements as service
from cablewatch.registry.models import Enterprise
from tests.integration.spotcheck.helpers import (
    FAILING,
    approved_sample,
    drawn_plan,
    first_task,
    make_cast,
)

pytestmark = pytest.mark.django_db


def test_a_failed_sample_is_announced_and_published(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    cast = make_cast(alice)
    task = first_task(drawn_plan(cast))
    approved_sample(cast, task, FAILING)
    candidate = DisclosureCandidate.objects.get()
    assert (candidate.status, candidate.verdict) == ("pending", "fail")
    assert candidate.failed_items
    division = Division.objects.get(code=candidate.plan_division)
    made = service.generate_announcement(
        actor=alice,
        division=division,
        title="t",
        number="N-1",
        disclosure_date=timezone.localdate() - dt.timedelta(days=1),
    )
    service.approve_announcement(actor=carol, announcement=made)
    row = PublishedResult.objects.get()
    assert row.enterprise_id == task.enterprise.pk
    assert (row.source, row.verdict) == ("platform", "fail")
