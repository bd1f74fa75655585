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
    """A draft of every pending result of Shaanxi, chosen explicitly."""
    chosen = service.select_candidates(actor, shaanxi(), service.Selection())
    return service.generate_announcement(
        actor=actor,
        division=shaanxi(),
        title="2026年第一批",
        number=number,
        disclosure_date=date,
        candidate_ids=[c.pk for c in chosen] or [0],
    )


def test_a_final_result_becomes_a_pending_candidate(shaanxi_maker: Enterprise) -> None:
    final_result(
        1, shaanxi_maker, verdict="fail", failed_items=["conductor_resistance", "绝缘厚度", "包装"]
    )
    candidate = DisclosureCandidate.objects.get()
    assert candidate.status == "pending"
    # one vocabulary: the engine's item keys, whatever the names in the event
    assert candidate.failed_items == "conductor_resistance、insulation_thickness_mean、包装"
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


# --- the rules of issue 11: choice, re-test window, dates, the second officer ---


def _ids(**criteria: object) -> list[int]:
    selection = service.Selection(**criteria)  # type: ignore[arg-type]
    return [c.pk for c in service.select_candidates(carol_user(), shaanxi(), selection)]


def carol_user() -> User:
    return User.objects.get(username="carol")


@time_machine.travel(TODAY)
def test_the_officer_chooses_by_plan_region_and_period(
    carol: User, shaanxi_maker: Enterprise
) -> None:
    final_result(1, shaanxi_maker, plan_id=7, plan_division="610000", result_date="2026-01-10")
    final_result(2, shaanxi_maker, plan_id=8, plan_division="610100", result_date="2026-02-10")
    final_result(3, shaanxi_maker, plan_id=8, plan_division="610100", result_date="2026-03-01")
    by_sample = {c.pk: c.sample_id for c in DisclosureCandidate.objects.all()}

    def samples(**criteria: object) -> list[str]:
        return sorted(by_sample[pk] for pk in _ids(**criteria))

    assert samples() == ["1", "2", "3"]
    assert samples(plan=8) == ["2", "3"]
    assert samples(region="610100") == ["2", "3"]
    assert samples(date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28)) == ["2"]
    assert samples(plan=7, region="610100") == []


@time_machine.travel(TODAY)
def test_nothing_is_drafted_without_a_choice(alice: User, shaanxi_maker: Enterprise) -> None:
    final_result(1, shaanxi_maker)
    with pytest.raises(DomainError) as refused:
        service.generate_announcement(
            actor=alice,
            division=shaanxi(),
            title="t",
            number="N",
            disclosure_date=DAY,
            candidate_ids=[],
        )
    assert refused.value.field == "candidates"


@time_machine.travel(TODAY)
def test_a_result_inside_its_retest_window_cannot_go_in_and_the_service_says_why(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    final_result(
        1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"], retest_deadline="2026-03-16"
    )
    candidate = DisclosureCandidate.objects.get()
    assert "2026年3月16日" in service.ineligible(candidate)
    with pytest.raises(DomainError) as refused:
        draft(alice)
    assert refused.value.code == "not_eligible"
    assert shaanxi_maker.name in refused.value.message and "2026年3月16日" in refused.value.message
    assert not Announcement.objects.exists()


@time_machine.travel(TODAY)
def test_a_pending_retest_holds_back_and_a_final_retest_lets_it_in(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    from django.db import transaction

    from cablewatch.base.events import Event, publish

    final_result(1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"])
    with transaction.atomic():
        publish(
            Event(
                "spotcheck.retest.requested",
                {"sample_id": 1, "report_number": "R-1", "plan_division": "610000"},
            )
        )
    candidate = DisclosureCandidate.objects.get()
    assert candidate.retest_pending and "复检" in service.ineligible(candidate)
    with pytest.raises(DomainError):
        draft(alice)
    final_result(1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"], retest=True)
    candidate.refresh_from_db()
    assert not candidate.retest_pending and service.ineligible(candidate) == ""
    assert draft(alice).summary["batches"] == 1


@time_machine.travel(TODAY)
def test_the_disclosure_date_cannot_lie_in_the_past(alice: User, shaanxi_maker: Enterprise) -> None:
    final_result(1, shaanxi_maker)
    with pytest.raises(DomainError) as refused:
        draft(alice, date=dt.date(2020, 1, 1))
    assert refused.value.field == "disclosure_date"
    assert not Announcement.objects.exists()


def test_the_disclosure_date_cannot_lie_before_the_approval(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    final_result(1, shaanxi_maker)
    with time_machine.travel(TODAY):
        announcement = draft(alice, date=dt.date(2026, 3, 12))
    with time_machine.travel(dt.datetime(2026, 3, 13, 9, tzinfo=dt.UTC)):
        with pytest.raises(DomainError) as refused:
            service.approve_announcement(actor=carol, announcement=announcement)
        assert refused.value.field == "disclosure_date"
        assert not PublishedResult.objects.exists()
        with pytest.raises(DomainError):
            service.reschedule_announcement(
                actor=alice, announcement=announcement, disclosure_date=dt.date(2026, 3, 12)
            )
        service.reschedule_announcement(
            actor=alice, announcement=announcement, disclosure_date=dt.date(2026, 3, 13)
        )
        service.approve_announcement(actor=carol, announcement=announcement)
    announcement.refresh_from_db()
    assert announcement.status == "published"
    entry = AuditEntry.objects.get(action="portal.announcement.rescheduled")
    assert entry.before == {"disclosure_date": "2026-03-12"}


@time_machine.travel(TODAY)
def test_the_approver_is_a_second_officer_of_the_same_or_a_superior_agency(
    alice: User, xavier: User, bob: User, agencies: dict[str, object], shaanxi_maker: Enterprise
) -> None:
    from tests.conftest import make_user

    colleague = make_user("alice2", "supervision_officer", agencies["shaanxi"])  # type: ignore[arg-type]
    final_result(1, shaanxi_maker, plan_division="610100")
    made = service.generate_announcement(
        actor=xavier,
        division=Division.objects.get(code="610100"),
        title="西安",
        number="XA-1",
        disclosure_date=DAY,
        candidate_ids=list(DisclosureCandidate.objects.values_list("pk", flat=True)),
    )
    xian_colleague = make_user("xavier2", "supervision_officer", agencies["xian"])  # type: ignore[arg-type]
    for refused in (xavier, bob):
        assert service.second_officer_refusal(refused, xavier, made.division)
    for allowed in (alice, colleague, xian_colleague):  # superior agency, or the same one
        assert service.second_officer_refusal(allowed, xavier, made.division) == ""
    assert service.second_officer_refusal(xavier, alice, shaanxi())  # a city is not superior
    service.approve_announcement(actor=xian_colleague, announcement=made)
    made.refresh_from_db()
    assert made.status == "published" and made.approved_by_id == xian_colleague.pk


@time_machine.travel(TODAY)
def test_platform_keys_and_imported_names_count_as_one_item(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    from cablewatch.portal import stats
    from tests.integration.portal.builders import published

    final_result(1, shaanxi_maker, verdict="fail", failed_items=["conductor_resistance"])
    service.approve_announcement(actor=carol, announcement=draft(alice))
    published(shaanxi_maker, verdict="fail", failed_items="导体电阻、绝缘厚度")
    published(shaanxi_maker, verdict="fail", failed_items="导体电阻（20℃）")  # stored before
    counted = dict(stats.most_failed_items(PublishedResult.objects.all()))
    assert counted["conductor_resistance"] == 3
    assert counted["insulation_thickness_mean"] == 1
    assert "导体电阻" not in counted
