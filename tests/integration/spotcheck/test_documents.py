"""The signed report and the notice of result: embedded font, local dates, units, full
requirement texts, the engine's item names, the lab, the basis and the signature block."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.test import Client
from pypdf import PdfReader

from cablewatch.base.models import Role, User
from cablewatch.base.vocabulary import label
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.documents import notice_content, render_notice
from cablewatch.spotcheck.models import Report
from cablewatch.spotcheck.services import results
from tests.conftest import make_user
from tests.integration.spotcheck.helpers import (
    FAILING,
    drawn_plan,
    first_task,
    make_cast,
    sample_for,
)

pytestmark = pytest.mark.django_db
# 20:30 UTC on 30 November is 04:30 on 1 December in Asia/Shanghai
SAMPLED_AT = dt.datetime(2026, 11, 30, 20, 30, tzinfo=dt.UTC)


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _fonts(pdf: bytes) -> list[dict[str, object]]:
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            found.append({"name": str(font["/BaseFont"]), "descriptor": descriptor})
    return found


@pytest.fixture
def report(alice: User, shaanxi_maker: Enterprise) -> Report:
    cast = make_cast(alice)
    cast.lab.address = "西安市雁塔区科技路 48 号"
    cast.lab.accreditation = "CMA 231600120456"
    cast.lab.save()
    sample = sample_for(first_task(drawn_plan(cast)), sampled_at=SAMPLED_AT)
    results.submit_results(actor=cast.analyst, sample=sample, measurements=FAILING)
    results.approve_results(actor=cast.reviewer, sample=sample)
    return Report.objects.get(sample=sample)


def test_the_report_embeds_its_font_and_only_that(report: Report) -> None:
    fonts = _fonts(bytes(report.pdf))
    assert fonts
    for font in fonts:
        descriptor = font["descriptor"]
        assert descriptor is not None, font["name"]
        assert "/FontFile2" in descriptor, font["name"]  # the TrueType program is in the file
        assert "NotoSansSC" in str(font["name"]) or "Noto" in str(font["name"])


def test_the_report_says_what_a_signed_document_must(report: Report) -> None:
    text = _text(bytes(report.pdf))
    flat = _squeezed(text)
    content = report.content
    assert content["sampled_on"] == "2026-12-01"  # the local day, not UTC's 30 November
    assert "2026年12月1日" in text and "1 Dec 2026" in text
    assert "7.9 Ω/km" in text  # measured values carry their units
    assert "0.7 mm" in text
    for item in content["items"]:
        assert _squeezed(item["requirement"]) in flat  # full text, not cut at 48 characters
        assert _squeezed(label("item", item["item"], "zh-hans")) in flat
    assert not re.search(r"[a-z]+_[a-z_]+", text)  # no internal key (conductor_resistance …)
    for words in ("西安市雁塔区科技路48号", "CMA231600120456", "GB/T5023.3-2008", "判定依据"):
        assert words in flat
    for role in ("检验", "审核", "批准", "Testedby", "Reviewedby", "Approvedby"):
        assert role in flat
    assert content["tested_by"] in flat and content["reviewed_by"] in flat
    assert "不合格" in text and "Nonconforming" in text


def test_the_notice_gives_the_retest_right_and_deadline(report: Report) -> None:
    notice = notice_content(report)
    deadline = dt.date.fromisoformat(notice["retest_deadline"])
    assert deadline == report.sample.notified_on + dt.timedelta(days=15)
    assert notice["retest_items"] == ["conductor_resistance"]
    text = _text(render_notice(report))
    flat = _squeezed(text)
    assert "检验结果通知书" in flat
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in flat
    assert "十五日内" in flat and "复检" in flat
    assert "导体电阻(20°C)" in flat
    assert "conductor_resistance" not in text


def test_the_notice_is_the_same_bytes_every_time(report: Report) -> None:
    assert render_notice(report) == render_notice(report)


def test_the_enterprise_and_the_officer_download_the_notice_the_lab_cannot(
    report: Report, alice: User
) -> None:
    enterprise = report.sample.enterprise
    maker = make_user("maker-doc", Role.ENTERPRISE, enterprise=enterprise)
    analyst = User.objects.get(username="ana")
    url = f"/spotcheck/reports/{report.number}/notice.pdf"
    for user, status in ((maker, 200), (alice, 200), (analyst, 404)):
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user.username
        if status == 200:
            assert response.content.startswith(b"%PDF")
