"""Staff announcement pages, the upload page, and the public announcement downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader

from cablewatch.base.models import Agency, AuditEntry, User
from cablewatch.portal.models import Announcement, DisclosureCandidate, ImportRun, PublishedResult
from cablewatch.portal.tasks import upload_folder
from cablewatch.registry.models import Enterprise
from tests.conftest import login
from tests.integration.portal import fixtures
from tests.integration.portal.builders import final_result

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)


def _form(**extra: object) -> dict[str, object]:
    """The generate form with every pending result chosen (the officer ticks them)."""
    ids = list(DisclosureCandidate.objects.values_list("pk", flat=True))
    return {"title": "t", "disclosure_date": "2026-03-10", "candidates": ids, **extra}


@pytest.fixture
def published_announcement(alice: User, carol: User, shaanxi_maker: Enterprise) -> Announcement:
    final_result(1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"])
    final_result(2, shaanxi_maker)
    with time_machine.travel(NOW):
        response = login(alice).post(
            "/disclosure/announcements/",
            _form(number="SX-1", title="陕西省2026年电线电缆抽查结果"),
        )
        assert response.status_code == 302
        made = Announcement.objects.get()
        login(carol).post(f"/disclosure/announcements/{made.pk}/", {"action": "approve"})
    made.refresh_from_db()
    assert made.status == "published"
    return made


def test_the_generator_cannot_approve_their_own_announcement(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    final_result(1, shaanxi_maker)
    client = login(alice)
    with time_machine.travel(NOW):
        client.post("/disclosure/announcements/", _form(number="SX-1"))
        made = Announcement.objects.get()
        page = client.get(f"/disclosure/announcements/{made.pk}/").content.decode()
        assert 'value="approve"' not in page and 'data-test="approve-refusal"' in page
        client.post(f"/disclosure/announcements/{made.pk}/", {"action": "approve"})
    made.refresh_from_db()
    assert made.status == "draft"


def test_outsiders_get_404_on_staff_pages(
    bob: User, maker_user: User, published_announcement: Announcement
) -> None:
    url = f"/disclosure/announcements/{published_announcement.pk}/"
    assert login(bob).get(url).status_code == 404
    assert login(maker_user).get("/disclosure/announcements/").status_code == 404
    assert login(maker_user).get("/disclosure/imports/").status_code == 404
    assert Client().get("/disclosure/imports/").status_code == 302


def test_a_draft_is_not_public(alice: User, shaanxi_maker: Enterprise) -> None:
    final_result(1, shaanxi_maker)
    with time_machine.travel(NOW):
        login(alice).post("/disclosure/announcements/", _form(number="SX-1"))
    made = Announcement.objects.get()
    assert Client().get(f"/announcements/{made.pk}/").status_code == 404
    assert Client().get(f"/announcements/{made.pk}/file.pdf").status_code == 404


def test_the_published_announcement_downloads_in_the_standard_layout(
    published_announcement: Announcement,
) -> None:
    client = Client()
    pk = published_announcement.pk
    page = client.get(f"/announcements/{pk}/").content.decode()
    assert "合格率" not in page or "50.0%" in page
    text = client.get(f"/announcements/{pk}/file.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["序号", "产品名称", "标称生产企业名称"]
    assert len(rows[0]) == 12
    assert {r[9] for r in rows[1:]} == {"合格", "不合格"}
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/announcements/{pk}/file.xlsx").content))
    sheet = book.worksheets[0]
    assert sheet.cell(2, 1).value == "序号"
    book.close()
    pdf = PdfReader(io.BytesIO(client.get(f"/announcements/{pk}/file.pdf").content))
    assert "不合格" in pdf.pages[0].extract_text()


def test_the_upload_page_stages_and_a_second_officer_publishes(
    alice: User,
    carol: User,
    tmp_path: Path,
    agencies: dict[str, Agency],
    django_capture_on_commit_callbacks: Any,
) -> None:
    path = fixtures.standard_xlsx(tmp_path / "a.xlsx")
    upload = SimpleUploadedFile("陕西2024.xlsx", path.read_bytes())
    client = login(alice)
    shaanxi = agencies["shaanxi"]
    with django_capture_on_commit_callbacks(execute=True):  # the worker stages it
        response = client.post("/disclosure/imports/", {"file": upload, "agency": shaanxi.pk})
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert response["Location"] == f"/disclosure/imports/{run.pk}/"
    assert (run.status, run.counts["imported"], run.agency_id) == ("staged", 4, shaanxi.pk)
    assert (run.progress, run.upload) == ("done", "")
    assert bytes(run.original) == path.read_bytes()  # the original file is kept
    assert not PublishedResult.objects.exists()  # nothing public before the check
    assert not Enterprise.objects.filter(name="宝鸡新星电缆厂").exists()
    check = f"/disclosure/imports/{run.pk}/"
    page = client.get(check).content.decode()
    assert "宝鸡新星电缆厂" in page and 'http-equiv="refresh"' not in page
    assert 'data-test="check-refusal"' in page
    client.post(check, {"action": "publish"})
    assert not PublishedResult.objects.exists()  # the officer who staged it cannot publish
    rejects = client.get(f"/disclosure/imports/{run.pk}/rejects.csv").content.decode("utf-8-sig")
    assert "no enterprise name" in rejects
    assert login(carol).get(f"{check}original").content == path.read_bytes()
    login(carol).post(check, {"action": "publish"})
    run.refresh_from_db()
    assert (run.status, run.reviewed_by_id) == ("published", carol.pk)
    assert PublishedResult.objects.count() == 4
    assert set(PublishedResult.objects.values_list("source_label", flat=True)) == {shaanxi.name}
    assert set(PublishedResult.objects.values_list("division_code", flat=True)) == {"610000"}
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"portal.import.staged", "portal.import.published"} <= actions


def test_the_publishing_agency_comes_from_the_list_not_free_text(
    alice: User, tmp_path: Path
) -> None:
    path = fixtures.standard_xlsx(tmp_path / "a.xlsx")
    upload = SimpleUploadedFile("a.xlsx", path.read_bytes())
    body = login(alice).post(
        "/disclosure/imports/", {"file": upload, "source": "某某局", "agency": "某某局"}
    )
    assert 'data-field="agency"' in body.content.decode()
    assert not ImportRun.objects.exists()


def test_a_queued_upload_shows_a_refreshing_progress_page(
    alice: User, tmp_path: Path, agencies: dict[str, Agency]
) -> None:
    """The request only stores the file and queues the staging (the worker runs it)."""
    path = fixtures.standard_xlsx(tmp_path / "a.xlsx")
    client = login(alice)
    upload = SimpleUploadedFile("a.xlsx", path.read_bytes())
    client.post("/disclosure/imports/", {"file": upload, "agency": agencies["shaanxi"].pk})
    run = ImportRun.objects.get()
    assert run.progress == "queued"
    assert not PublishedResult.objects.exists()
    assert Path(run.upload).is_file()
    progress = client.get(f"/disclosure/imports/{run.pk}/").content.decode()
    assert 'http-equiv="refresh"' in progress


def test_an_unreadable_upload_is_refused_with_a_message(
    alice: User, agencies: dict[str, Agency], django_capture_on_commit_callbacks: Any
) -> None:
    upload = SimpleUploadedFile("x.xlsx", b"garbage")
    client = login(alice)
    before = set(upload_folder().iterdir())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/disclosure/imports/", {"file": upload, "agency": agencies["shaanxi"].pk})
    run = ImportRun.objects.get()
    body = client.get(f"/disclosure/imports/{run.pk}/").content.decode()
    assert 'class="error"' in body
    assert run.progress == "failed" and "not a readable xlsx" in run.error
    assert set(upload_folder().iterdir()) == before  # the stored upload is removed


def test_an_upload_of_another_file_type_is_refused_at_once(alice: User) -> None:
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.4")
    body = login(alice).post("/disclosure/imports/", {"file": upload}).content.decode()
    assert "has-error" in body
    assert not ImportRun.objects.exists()
    assert not PublishedResult.objects.exists()


def test_the_generate_page_defaults_the_date_in_iso_and_says_why_a_result_waits(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    final_result(1, shaanxi_maker)
    final_result(
        2, shaanxi_maker, verdict="fail", failed_items=["导体电阻"], retest_deadline="2026-03-16"
    )
    with time_machine.travel(NOW):
        page = login(alice).get("/disclosure/announcements/").content.decode()
    assert 'type="date"' in page and 'value="2026-03-10"' in page
    waiting = DisclosureCandidate.objects.get(sample_id="2")
    row = page[page.index(f'data-candidate="{waiting.pk}"') :].split("</tr>", 1)[0]
    assert "disabled" in row and 'data-test="not-eligible"' in row and "2026年3月16日" in row
    ready = DisclosureCandidate.objects.get(sample_id="1")
    row = page[page.index(f'data-candidate="{ready.pk}"') :].split("</tr>", 1)[0]
    assert "checked" in row and "disabled" not in row


def test_a_refused_choice_is_shown_beside_the_results_and_nothing_is_drafted(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    final_result(
        1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"], retest_deadline="2026-03-16"
    )
    with time_machine.travel(NOW):
        body = login(alice).post("/disclosure/announcements/", _form(number="SX-1"))
    text = body.content.decode()
    assert body.status_code == 200 and 'data-field="candidates"' in text
    assert "2026年3月16日" in text and 'value="SX-1"' in text  # nothing typed is lost
    assert not Announcement.objects.exists()


def test_a_staged_import_is_hidden_from_other_regions_and_a_rejection_needs_a_reason(  # noqa: PLR0917
    alice: User,
    bob: User,
    carol: User,
    tmp_path: Path,
    agencies: dict[str, Agency],
    django_capture_on_commit_callbacks: Any,
) -> None:
    path = fixtures.standard_xlsx(tmp_path / "a.xlsx")
    upload = SimpleUploadedFile("a.xlsx", path.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):  # the worker stages it
        login(alice).post(
            "/disclosure/imports/", {"file": upload, "agency": agencies["shaanxi"].pk}
        )
    run = ImportRun.objects.get()
    check = f"/disclosure/imports/{run.pk}/"
    for url in (check, f"{check}original", f"/disclosure/imports/{run.pk}/rejects.csv"):
        assert login(bob).get(url).status_code == 404
    page = login(carol).post(check, {"action": "reject", "note": ""}).content.decode()
    assert 'data-field="note"' in page
    run.refresh_from_db()
    assert run.status == "staged"
    login(carol).post(check, {"action": "reject", "note": "不是公告原件"})
    run.refresh_from_db()
    assert (run.status, run.review_note) == ("rejected", "不是公告原件")
    assert not PublishedResult.objects.exists()
    assert AuditEntry.objects.filter(action="portal.import.rejected").count() == 1
