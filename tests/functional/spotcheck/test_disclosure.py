"""/verify/ before and after publication: genuine-only until announced, the content at
once for whoever holds the report (the code in its QR code), never for a lab."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cablewatch.base.events import Event, publish
from cablewatch.base.models import AuditEntry, User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import Report
from cablewatch.spotcheck.services import reports
from tests.conftest import login
from tests.integration.spotcheck.helpers import (
    FAILING,
    PASSING,
    Cast,
    approved_sample,
    drawn_plan,
    first_task,
    make_cast,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def qr_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL handed to the PDF renderer for its QR code, in issue order."""
    seen: list[str] = []
    real = reports.render_report_pdf

    def spy(content: dict[str, Any], url: str, *, subject: str) -> bytes:
        seen.append(url)
        return real(content, url, subject=subject)

    monkeypatch.setattr(reports, "render_report_pdf", spy)
    return seen


def _issued(alice: User, measurements: dict[str, Any] = FAILING) -> tuple[Cast, Report]:
    cast = make_cast(alice)
    sample = approved_sample(cast, first_task(drawn_plan(cast)), measurements)
    return cast, sample.reports.get()


def _page(url: str, client: Client | None = None) -> str:
    response = (client or Client()).get(url)
    assert response.status_code == 200
    return response.content.decode()


def _code_of(url: str) -> str:
    found = re.search(r"[?&]code=([A-Za-z0-9_\-]+)$", url)
    assert found, url
    return found.group(1)


def _announce(report: Report, on: dt.date) -> None:
    with transaction.atomic():
        publish(
            Event(
                "portal.announcement.published",
                {
                    "announcement_id": 1,
                    "number": "SX-2026-1",
                    "version": 1,
                    "division": "610000",
                    "published_on": on.isoformat(),
                    "report_numbers": [report.number],
                },
                division_code="610000",
            )
        )


def test_before_publication_verify_says_only_that_the_report_is_genuine(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    cast, report = _issued(alice)
    page = _page(reverse("verify:number", args=[report.number]))
    assert 'data-test="report-genuine-only"' in page and 'data-test="report-not-public"' in page
    assert report.number in page and cast.lab.name in page
    assert shaanxi_maker.name not in page and shaanxi_maker.credit_code not in page
    assert 'data-test="report-verdict"' not in page and report.content["batch_number"] not in page
    assert "7.9" not in page  # the failing measured value
    assert 'data-test="report-content"' not in page


def test_the_pdf_check_tells_only_genuine_before_publication(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    _cast, report = _issued(alice)
    upload = SimpleUploadedFile("r.pdf", bytes(report.pdf))
    page = Client().post(reverse("verify:upload"), {"file": upload}).content.decode()
    assert 'data-genuine="yes"' in page
    assert shaanxi_maker.name not in page and "7.9" not in page


def test_the_qr_code_carries_a_random_code_that_shows_the_content_at_once(
    alice: User, shaanxi_maker: Enterprise, qr_urls: list[str]
) -> None:
    _cast, report = _issued(alice)
    (url,) = qr_urls
    code = _code_of(url)
    assert url == reports.verification_url(report.number, code)
    assert len(code) >= 32  # 24 random bytes: 192 bits
    assert report.code_sha256 == hashlib.sha256(code.encode()).hexdigest()
    assert code not in str(report.content) and code not in report.code_sha256
    response = Client().get(url)
    page = response.content.decode()
    assert 'data-test="report-content"' in page and shaanxi_maker.name in page
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_wrong_or_another_reports_code_shows_nothing_more(
    alice: User, shaanxi_maker: Enterprise, qr_urls: list[str], make_enterprise: Any
) -> None:
    cast = make_cast(alice)
    make_enterprise()
    plan = drawn_plan(cast, batches=2)
    first, second = (approved_sample(cast, t, FAILING).reports.get() for t in plan.tasks.all())
    other_code = _code_of(qr_urls[1])
    base = reverse("verify:number", args=[first.number])
    for code in (other_code, "x" * 32, other_code[:-1], ""):
        page = _page(f"{base}?code={code}")
        assert 'data-test="report-content"' not in page, code
        assert first.content["enterprise"] not in page
    assert reports.code_matches(second, other_code)
    assert not reports.code_matches(first, other_code)


def test_codes_do_not_repeat_and_are_not_derived_from_the_number() -> None:
    codes = {reports.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 32 for c in codes)


def test_after_publication_the_content_is_public_from_its_day(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    _cast, report = _issued(alice)
    url = reverse("verify:number", args=[report.number])
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)):
        _announce(report, dt.date(2026, 12, 1))
        page = _page(url)
    assert 'data-test="report-content"' in page and shaanxi_maker.name in page
    report.refresh_from_db()
    assert report.public_on == dt.date(2026, 12, 1)
    entry = AuditEntry.objects.get(action="spotcheck.report.made_public")
    assert entry.target_id == str(report.pk)
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)):
        assert not reports.is_public(report)  # not before its day


def test_only_the_announced_reports_become_public(
    alice: User, shaanxi_maker: Enterprise, make_enterprise: Any
) -> None:
    cast = make_cast(alice)
    make_enterprise()
    plan = drawn_plan(cast, batches=2)
    first, second = (approved_sample(cast, t, PASSING).reports.get() for t in plan.tasks.all())
    _announce(first, timezone.localdate())
    assert first.content["enterprise"] in _page(reverse("verify:number", args=[first.number]))
    assert second.content["enterprise"] not in _page(reverse("verify:number", args=[second.number]))


def test_sequential_numbers_reveal_no_content(alice: User, make_enterprise: Any) -> None:
    cast = make_cast(alice)
    for _ in range(3):
        make_enterprise()
    plan = drawn_plan(cast, batches=3)
    issued = [approved_sample(cast, t, FAILING).reports.get() for t in plan.tasks.all()]
    year = issued[0].number[2:6]
    for seq in range(1, 6):
        number = f"CW{year}-{seq:06d}"
        response = Client().get(reverse("verify:number", args=[number]))
        page = response.content.decode()
        assert all(r.content["enterprise"] not in page for r in issued)
        assert response.status_code == (200 if seq <= 3 else 404)


def test_the_lab_never_gets_the_pdf_or_its_code(
    alice: User, shaanxi_maker: Enterprise, qr_urls: list[str]
) -> None:
    """Decision: the code is printed only in the PDF, and the PDF goes to the regulator
    and the enterprise, never to the lab (which tests blind). No lab page shows it."""
    cast, report = _issued(alice)
    code = _code_of(qr_urls[0])
    for user in (cast.analyst, cast.reviewer):
        client = login(user)
        pdf = client.get(reverse("spotcheck:report-pdf", args=[report.number]))
        assert pdf.status_code == 404
        for name in ("spotcheck:lab-queue",):
            assert code not in client.get(reverse(name)).content.decode()
        page = client.get(reverse("spotcheck:lab-sample", args=[report.sample.blind_code]))
        assert code not in page.content.decode() and "code=" not in page.content.decode()
