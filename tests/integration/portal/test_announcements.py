"""Announcements: candidates from the event, four-eyes approval, disclosure date, corrections."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from cablewatch.base.errors import DomainError
from cablewatch.base.models import AuditEntry, Division, User
from cablewatch.portal.models import Announcement, DisclosureCandidate, PublishedResult
from cablewatch.portal.services import announcements as service
from cablewatch.registry.models import Enterprise
from tests.integration.portal.builders import final_result

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)
DAY = TODAY.date()


def shaanxi() -> Division:
    return Division.objects.get(code="610000")


def draft(actor: User, date: dt.date = DAY, number: str = "SX-2026-1") -> Announcement:
    return service.generate_announcement(
        actor=actor,
        division=shaanxi(),
        title="2026年第一批",
        number=number,
        disclosure_date=date,
    )


def test_a_final_result_becomes_a_pending_candidate(shaanxi_maker: Enterprise) -> None:
    final_result(
        1, shaanxi_maker, verdict="fail", failed_items=["conductor_resistance", "绝缘厚度", "包装"]
    )
    candidate = DisclosureCandidate.objects.get()
    assert candidate.status == "pending"
    # the engine's Chinese names (one vocabulary); a name it does not know is kept as written
    assert candidate.failed_items == "导体电阻(20 °C)、绝缘平均厚度、包装"
    assert candidate.enterprise_name == shaanxi_maker.name


def test_a_retest_replaces_the_pending_candidate(shaanxi_maker: Enterprise) -> None:
    final_result(1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"])
    final_result(1, shaanxi_maker, verdict="pass", retest=True)
    assert DisclosureCandidate.objects.get().verdict == "pass"


@time_machine.travel(TODAY)
def test_it_publishes_only_after_a_second_officer_approves(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    final_result(1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"])
    final_result(2, shaanxi_maker)
    announcement = draft(alice)
    assert announcement.summary["pass_rate"] == 50.0
    assert not PublishedResult.objects.exists()
    with pytest.raises(DomainError):
        service.approve_announcement(actor=alice, announcement=announcement)
    service.approve_announcement(actor=carol, announcement=announcement)
    announcement.refresh_from_db()
    assert announcement.status == "published"
    assert PublishedResult.objects.filter(announcement=announcement).count() == 2
    assert AuditEntry.objects.filter(action="portal.announcement.approved").count() == 1


@time_machine.travel(TODAY)
def test_an_officer_of_another_region_can_neither_draft_nor_approve(
    alice: User, bob: User, shaanxi_maker: Enterprise
) -> None:
    final_result(1, shaanxi_maker)
    with pytest.raises(DomainError):
        draft(bob)
    announcement = draft(alice)
    with pytest.raises(DomainError):
        service.approve_announcement(actor=bob, announcement=announcement)


def test_it_waits_for_the_disclosure_date(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    final_result(1, shaanxi_maker)
    with time_machine.travel(TODAY):
        announcement = draft(alice, date=dt.date(2026, 3, 20))
        service.approve_announcement(actor=carol, announcement=announcement)
        assert service.publish_due_announcements() == []
    assert not PublishedResult.objects.exists()
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC)):
        assert len(service.publish_due_announcements()) == 1
    assert PublishedResult.objects.count() == 1


@time_machine.travel(TODAY)
def test_a_correction_is_a_new_linked_version_and_both_stay_visible(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    final_result(1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"])
    final_result(2, shaanxi_maker)
    first = draft(alice)
    service.approve_announcement(actor=carol, announcement=first)
    final_result(1, shaanxi_maker, verdict="pass", retest=True)  # the re-test passed
    second = service.correct_announcement(actor=alice, announcement=first, note="复检合格")
    first.refresh_from_db()
    assert first.status == "published"  # unchanged until the correction is approved
    service.approve_announcement(actor=carol, announcement=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.version) == ("superseded", "published", 2)
    assert second.supersedes_id == first.pk
    old_rows = PublishedResult.objects.filter(announcement=first)
    assert old_rows.count() == 2 and all(r.superseded for r in old_rows)
    new_rows = PublishedResult.objects.filter(announcement=second, superseded=False)
    assert sorted(new_rows.values_list("verdict", flat=True)) == ["pass", "pass"]


@time_machine.travel(TODAY)
def test_a_draft_cannot_be_corrected_and_a_correction_needs_a_note(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    final_result(1, shaanxi_maker)
    announcement = draft(alice)
    with pytest.raises(DomainError):
        service.correct_announcement(actor=alice, announcement=announcement, note="x")
    service.approve_announcement(actor=carol, announcement=announcement)
    with pytest.raises(DomainError):
        service.correct_announcement(actor=alice, announcement=announcement, note=" ")


@time_machine.travel(TODAY)
def test_a_city_officer_cannot_approve_a_province_announcement(
    alice: User, xavier: User, shaanxi_maker: Enterprise
) -> None:
    final_result(1, shaanxi_maker)
    announcement = draft(alice)
    with pytest.raises(DomainError):
        service.approve_announcement(actor=xavier, announcement=announcement)
