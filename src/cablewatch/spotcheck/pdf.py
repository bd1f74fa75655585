"""The test report as PDF: Chinese text in reportlab's built-in CJK font, a QR code to
the public verification page, and byte-for-byte reproducible output (invariant mode)."""

from __future__ import annotations

import io
from typing import Any

import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
VERDICTS = {"pass": "合格 (Pass)", "fail": "不合格 (Fail)"}
RESULTS = {"pass": "合格", "fail": "不合格", "not_tested": "未检"}
ITEM_NAMES = {
    "marking": "标志",
    "conductor_resistance": "导体电阻 (20 °C)",
    "insulation_thickness_mean": "绝缘平均厚度",
    "insulation_thickness_min": "绝缘最薄处厚度",
    "sheath_thickness_mean": "护套平均厚度",
    "sheath_thickness_min": "护套最薄处厚度",
    "overall_diameter_mean": "平均外径",
    "insulation_tensile_strength": "绝缘抗张强度",
    "insulation_elongation": "绝缘断裂伸长率",
    "sheath_tensile_strength": "护套抗张强度",
    "sheath_elongation": "护套断裂伸长率",
    "voltage_test": "电压试验",
    "flame_test": "燃烧试验",
}
SITES = {"production": "生产领域", "market": "流通领域", "project": "工程项目"}


def _font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR code as squares: no image library, and the same bytes every time."""
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    cell = size / len(matrix)
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            if dark:
                canvas.rect(x + col * cell, y + size - (row + 1) * cell, cell, cell, 0, 1)


def _header(c: Canvas, content: dict[str, Any], url: str) -> float:
    width, height = A4
    c.setFont(FONT, 16)
    c.drawCentredString(width / 2, height - 25 * mm, "产品质量监督抽查检验报告")
    c.setFont(FONT, 9)
    c.drawCentredString(width / 2, height - 31 * mm, "Product quality spot-check test report")
    _qr(c, url, width - 45 * mm, height - 50 * mm, 28 * mm)
    c.setFont(FONT, 7)
    c.drawString(width - 48 * mm, height - 54 * mm, "扫码核验 / scan to verify")
    facts = [
        ("报告编号 Report No.", content["number"]),
        ("样品编号 Sample code", content["blind_code"]),
        ("型号规格 Designation", content["designation"]),
        ("商标 Brand", content["brand"] or "—"),
        ("批号 Batch", content["batch_number"]),
        ("生产日期 Production date", content["production_date"] or "—"),
        ("受检企业 Enterprise", content["enterprise"]),
        ("抽样地点 Sampled at", f"{content['sampled_unit']} ({SITES[content['site_kind']]})"),
        ("抽样日期 Sampled on", content["sampled_on"]),
        ("检验机构 Lab", content["lab"]),
        ("签发日期 Issued on", content["issued_on"]),
        ("检验类别 Kind", "复检 (re-test)" if content["retest"] else "监督抽查 (spot check)"),
    ]
    y: float = height - 42 * mm
    c.setFont(FONT, 9)
    for label, value in facts:
        c.drawString(20 * mm, y, label)
        c.drawString(70 * mm, y, str(value))
        y -= 5.5 * mm
    return y


def _items(c: Canvas, content: dict[str, Any], y: float) -> float:
    y -= 4 * mm
    c.setFont(FONT, 9)
    for x, title in (
        (20, "检验项目 Item"),
        (62, "技术要求 Requirement"),
        (150, "实测"),
        (172, "结论"),
    ):
        c.drawString(x * mm, y, title)
    c.line(20 * mm, y - 2 * mm, 190 * mm, y - 2 * mm)
    y -= 7 * mm
    c.setFont(FONT, 7.5)
    for item in content["items"]:
        if y < 40 * mm:
            c.showPage()
            c.setFont(FONT, 7.5)
            y = A4[1] - 25 * mm
        c.drawString(20 * mm, y, ITEM_NAMES.get(item["item"], item["item"]))
        c.drawString(62 * mm, y, str(item["requirement"] or "")[:48])
        c.drawString(150 * mm, y, _measured(item["measured"]))
        c.drawString(172 * mm, y, RESULTS.get(item["result"], item["result"]))
        c.setFont(FONT, 6)
        c.drawString(20 * mm, y - 3 * mm, item["item"])
        c.drawString(62 * mm, y - 3 * mm, str(item.get("requirement_en") or "")[:70])
        c.setFont(FONT, 7.5)
        y -= 8 * mm
    return y


def _measured(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "—" if value is None else str(value)[:12]


def render_report_pdf(content: dict[str, Any], url: str, *, subject: str) -> bytes:
    """The same content and URL always give the same bytes."""
    _font()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(f"检验报告 {content['number']}")
    c.setSubject(subject)
    c.setAuthor(content["lab"])
    c.setCreator("CableWatch")
    y = _items(c, content, _header(c, content, url))
    c.setFont(FONT, 12)
    c.drawString(
        20 * mm,
        max(y - 8 * mm, 25 * mm),
        f"检验结论 Verdict: {VERDICTS.get(content['verdict'], '')}",
    )
    c.setFont(FONT, 7)
    c.drawString(20 * mm, 15 * mm, f"本报告经电子签名, 真伪请至 {url} 核验。")
    c.showPage()
    c.save()
    return buffer.getvalue()
