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

from cablewatch.base.models import User
from cablewatch.portal.models import Announcement, ImportRun, PublishedResult
from cablewatch.portal.tasks import upload_folder
from cablewatch.registry.models import Enterprise
from tests.conftest import login
from tests.integration.portal import fixtures
from tests.integration.portal.builders import final_result

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)


@pytest.fixture
def published_announcement(alice: User, carol: User, shaanxi_maker: Enterprise) -> Announcement:
    final_result(1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"])
    final_result(2, shaanxi_maker)
    with time_machine.travel(NOW):
        response = login(alice).post(
            "/disclosure/announcements/",
            {
                "number": "SX-1",
                "title": "陕西省2026年电线电缆抽查结果",
                "disclosure_date": "2026-03-10",
            },
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
    client.post(
        "/disclosure/announcements/",
        {"number": "SX-1", "title": "t", "disclosure_date": "2026-03-10"},
    )
    made = Announcement.objects.get()
    page = client.get(f"/disclosure/announcements/{made.pk}/").content.decode()
    assert 'value="approve"' not in page
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
    login(alice).post(
        "/disclosure/announcements/",
        {"number": "SX-1", "title": "t", "disclosure_date": "2026-03-10"},
    )
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


def test_the_upload_page_imports_and_lists_what_it_created(
    alice: User, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    path = fixtures.standard_xlsx(tmp_path / "a.xlsx")
    upload = SimpleUploadedFile("陕西2024.xlsx", path.read_bytes())
    client = login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/disclosure/imports/", {"file": upload, "source": "陕西省局"})
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert response["Location"] == f"/disclosure/imports/{run.pk}/"
    assert (run.status, run.counts["imported"]) == ("done", 4)
    assert (run.rows_done, run.rows_total, run.upload) == (4, 4, "")
    progress = client.get(f"/disclosure/imports/{run.pk}/").content.decode()
    assert 'data-status="done"' in progress
    assert 'http-equiv="refresh"' not in progress
    assert "宝鸡新星电缆厂" in client.get("/disclosure/imports/").content.decode()
    rejects = client.get(f"/disclosure/imports/{run.pk}/rejects.csv").content.decode("utf-8-sig")
    assert "no enterprise name" in rejects
    assert set(PublishedResult.objects.values_list("division_code", flat=True)) == {"610000"}


def test_a_queued_upload_shows_a_refreshing_progress_page(alice: User, tmp_path: Path) -> None:
    """The request only stores the file and queues the import (the worker runs it)."""
    path = fixtures.standard_xlsx(tmp_path / "a.xlsx")
    client = login(alice)
    client.post("/disclosure/imports/", {"file": SimpleUploadedFile("a.xlsx", path.read_bytes())})
    run = ImportRun.objects.get()
    assert run.status == "queued"
    assert not PublishedResult.objects.exists()
    assert Path(run.upload).is_file()
    progress = client.get(f"/disclosure/imports/{run.pk}/").content.decode()
    assert 'http-equiv="refresh"' in progress


def test_an_unreadable_upload_is_refused_with_a_message(
    alice: User, django_capture_on_commit_callbacks: Any
) -> None:
    upload = SimpleUploadedFile("x.xlsx", b"garbage")
    client = login(alice)
    before = set(upload_folder().iterdir())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/disclosure/imports/", {"file": upload})
    run = ImportRun.objects.get()
    body = client.get(f"/disclosure/imports/{run.pk}/").content.decode()
    assert 'class="error"' in body
    assert run.status == "failed" and "not a readable xlsx" in run.error
    assert set(upload_folder().iterdir()) == before  # the stored upload is removed


def test_an_upload_of_another_file_type_is_refused_at_once(alice: User) -> None:
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.4")
    body = login(alice).post("/disclosure/imports/", {"file": upload}).content.decode()
    assert "has-error" in body
    assert not ImportRun.objects.exists()
    assert not PublishedResult.objects.exists()
