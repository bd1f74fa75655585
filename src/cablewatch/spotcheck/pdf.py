"""The test report and the notice of result as PDF: an embedded subset of Noto Sans CJK SC,
flowing paragraphs (no text is cut), the vocabulary's names and local dates, a QR code to
the verification page, and byte-for-byte reproducible output (invariant mode)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

import qrcode
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cablewatch.base import fonts
from cablewatch.base.vocabulary import label, labels, local_date, with_unit

ZH, EN = "zh-hans", "en"
MARGIN = 18 * mm


def _styles() -> dict[str, ParagraphStyle]:
    font = fonts.register()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12.5, wordWrap="CJK")
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7, leading=9.5),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10.5),
        "title": ParagraphStyle("title", parent=body, fontSize=16, leading=21, alignment=1),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=9, leading=12, alignment=1),
        "heading": ParagraphStyle("heading", parent=body, fontSize=11, leading=15, spaceBefore=6),
        "verdict": ParagraphStyle("verdict", parent=body, fontSize=12, leading=16, spaceBefore=4),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape("" if text is None else str(text)), style)


def _two(zh: Any, en: Any, st: dict[str, ParagraphStyle], style: str = "cell") -> Paragraph:
    """Chinese text with its English below in small type (both escaped)."""
    zh_text, en_text = escape(str(zh or "—")), escape(str(en or ""))
    size = st["small"].fontSize
    more = f'<br/><font size="{size}">{en_text}</font>' if en_text and en_text != zh_text else ""
    return Paragraph(zh_text + more, st[style])


def _draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code as squares: no image library, and the same bytes every time."""
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    cell = size / len(matrix)
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            if dark:
                canvas.rect(x + col * cell, y + size - (row + 1) * cell, cell, cell, 0, 1)


def _grid(rows: list[list[Any]], widths: list[float], *, header: bool = False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.register()),  # else cells reference Helvetica
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    table.setStyle(TableStyle(style))
    return table


def _facts(content: dict[str, Any], st: dict[str, ParagraphStyle]) -> Table:
    site = content.get("site_kind")
    lab_lines = [content.get("lab"), content.get("lab_address"), content.get("lab_accreditation")]
    kind = ("复检", "Re-test") if content.get("retest") else ("监督抽查", "Spot check")
    rows = [
        ("报告编号", "Report No.", content["number"], ""),
        ("样品编号", "Sample code", content.get("blind_code"), ""),
        ("型号规格", "Designation", content.get("designation"), ""),
        ("商标", "Brand", content.get("brand") or "—", ""),
        ("批号", "Batch", content.get("batch_number"), ""),
        (
            "生产日期",
            "Production date",
            local_date(content.get("production_date"), ZH),
            local_date(content.get("production_date"), EN),
        ),
        ("受检企业", "Enterprise", content.get("enterprise"), content.get("credit_code") or ""),
        (
            "抽样地点",
            "Sampled at",
            f"{content.get('sampled_unit') or '—'}（{label('site_kind', site, ZH)}）",
            label("site_kind", site, EN),
        ),
        (
            "抽样日期",
            "Sampled on",
            local_date(content.get("sampled_on"), ZH),
            local_date(content.get("sampled_on"), EN),
        ),
        (
            "检验机构",
            "Test lab",
            "\n".join(str(v) for v in lab_lines if v),
            content.get("lab_en") or "",
        ),
        (
            "签发日期",
            "Issued on",
            local_date(content.get("issued_on"), ZH),
            local_date(content.get("issued_on"), EN),
        ),
        ("检验类别", "Kind of test", kind[0], kind[1]),
    ]
    data = []
    for zh, en, value, value_en in rows:
        text = escape(str(value or "—")).replace("\n", "<br/>")
        if value_en:
            text += f'<br/><font size="{st["small"].fontSize}">{escape(str(value_en))}</font>'
        data.append([_two(zh, en, st), Paragraph(text, st["cell"])])
    return _grid(data, [40 * mm, 134 * mm])


def _items(content: dict[str, Any], st: dict[str, ParagraphStyle]) -> Table:
    head = [
        _two("序号", "No.", st),
        _two("检验项目", "Item", st),
        _two("技术要求", "Requirement", st),
        _two("实测值", "Measured", st),
        _two("单项结论", "Result", st),
    ]
    rows: list[list[Any]] = [head]
    for n, item in enumerate(content.get("items", []), start=1):
        key = item["item"]
        rows.append(
            [
                _p(n, st["cell"]),
                _two(label("item", key, ZH), label("item", key, EN), st),
                _two(item.get("requirement"), item.get("requirement_en"), st),
                _p(with_unit(item.get("measured"), key), st["cell"]),
                _two(
                    label("result", item.get("result"), ZH),
                    label("result", item.get("result"), EN),
                    st,
                ),
            ]
        )
    return _grid(rows, [10 * mm, 36 * mm, 74 * mm, 26 * mm, 28 * mm], header=True)


def _conclusion(content: dict[str, Any], st: dict[str, ParagraphStyle]) -> list[Any]:
    verdict = content.get("verdict")
    failed = [i["item"] for i in content.get("items", []) if i.get("result") == "fail"]
    out: list[Any] = [
        Paragraph(
            f"检验结论 Verdict：{escape(label('verdict', verdict, ZH))}"
            f"（{escape(label('verdict', verdict, EN))}）",
            st["verdict"],
        )
    ]
    if failed:
        out.append(
            _two(
                "不合格项目：" + labels("item", failed, ZH),
                "Nonconforming items: " + labels("item", failed, EN),
                st,
                "body",
            )
        )
    if content.get("severity"):
        out.append(
            _two(
                "程度：" + label("severity", content["severity"], ZH),
                "Grade: " + label("severity", content["severity"], EN),
                st,
                "body",
            )
        )
    return out


def _basis(content: dict[str, Any], st: dict[str, ParagraphStyle]) -> list[Any]:
    parts_zh = [f"产品标准 {content['standard']}"] if content.get("standard") else []
    parts_en = [f"product standard {content['standard']}"] if content.get("standard") else []
    if content.get("rules"):
        parts_zh.append(f"《{content['rules']}》")
        parts_en.append(str(content.get("rules_en") or content["rules"]))
    if content.get("rules_edition"):
        parts_zh.append(f"CableWatch 判定规则版本 {content['rules_edition']}")
        parts_en.append(f"CableWatch rules edition {content['rules_edition']}")
    if not parts_zh:
        return []
    out: list[Any] = [
        _p("判定依据 Basis of judgement", st["heading"]),
        _two("；".join(parts_zh) + "。", "; ".join(parts_en) + ".", st, "body"),
    ]
    if content.get("clauses"):
        out.append(_p("条款 Clauses: " + "; ".join(content["clauses"]), st["small"]))
    return out


def _signatures(content: dict[str, Any], st: dict[str, ParagraphStyle]) -> KeepTogether:
    roles = [
        ("检验", "Tested by", content.get("tested_by")),
        ("审核", "Reviewed by", content.get("reviewed_by")),
        ("批准", "Approved by", None),
    ]
    head = [_two(zh, en, st) for zh, en, _name in roles]
    names = [_p(name or "", st["cell"]) for _zh, _en, name in roles]
    lines = [_two("签名：", "Signature:", st) for _ in roles]
    dates = [_two("日期：", "Date:", st) for _ in roles]
    table = Table([head, names, lines, dates], colWidths=[58 * mm] * 3, rowHeights=None)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.register()),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 2), (-1, 2), 14),
            ]
        )
    )
    seal = _two("（检验检测专用章）", "(seal of the test lab)", st, "small")
    return KeepTogether([Spacer(1, 6), table, Spacer(1, 4), seal])


def _footer(url: str, first_page: Callable[[Canvas], None] | None = None) -> Any:
    font = fonts.register()

    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        if first_page is not None and doc.page == 1:
            first_page(canvas)
        canvas.setFont(font, 7)
        canvas.drawString(
            MARGIN,
            10 * mm,
            f"本文件经电子签名，真伪请扫码或至 {url.split('?', maxsplit=1)[0]} 核验。",
        )
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"第 {doc.page} 页 · page {doc.page}")
        canvas.restoreState()

    return draw


def _document(buffer: io.BytesIO, *, title: str, subject: str, author: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        subject=subject,
        author=author,
        creator="CableWatch",
        initialFontName=fonts.register(),  # no reference to an unembedded Helvetica
        invariant=1,
        pageCompression=1,
    )


def render_report_pdf(content: dict[str, Any], url: str, *, subject: str) -> bytes:
    """The same content and URL always give the same bytes. `url` is what the QR encodes."""
    st = _styles()
    buffer = io.BytesIO()
    doc = _document(
        buffer, title=f"检验报告 {content['number']}", subject=subject, author=content["lab"]
    )

    def qr(canvas: Canvas) -> None:
        size = 26 * mm
        _draw_qr(canvas, url, A4[0] - MARGIN - size, A4[1] - 14 * mm - size, size)
        canvas.setFont(fonts.register(), 6.5)
        canvas.drawRightString(A4[0] - MARGIN, A4[1] - 17 * mm - size, "扫码核验 scan to verify")

    story: list[Any] = [
        _p("产品质量监督抽查检验报告", st["title"]),
        _p("Product quality spot-check test report", st["subtitle"]),
        Spacer(1, 22 * mm),
        _facts(content, st),
        _p("检验结果 Results", st["heading"]),
        Spacer(1, 2),
        _items(content, st),
        *_conclusion(content, st),
        *_basis(content, st),
        _signatures(content, st),
    ]
    footer = _footer(url, qr)
    doc.build(story, onFirstPage=footer, onLaterPages=_footer(url))
    return buffer.getvalue()


def render_notice_pdf(notice: dict[str, Any], url: str) -> bytes:
    """检验结果通知书: the result told to the sampled enterprise, with its right to a
    re-test and the deadline. `notice` holds the report content plus `retest_deadline`
    (ISO date or None), `retest_items`, `organiser` (the plan's agency) and `notified_on`."""
    st = _styles()
    buffer = io.BytesIO()
    number = notice["number"]
    doc = _document(
        buffer,
        title=f"检验结果通知书 {number}",
        subject=f"cablewatch-notice:{number}",
        author=str(notice.get("organiser") or notice.get("lab") or ""),
    )
    verdict = notice.get("verdict")
    deadline = notice.get("retest_deadline")
    story: list[Any] = [
        _p("产品质量监督抽查检验结果通知书", st["title"]),
        _p("Notice of the result of a product quality spot check", st["subtitle"]),
        Spacer(1, 8),
        _two(
            f"{notice.get('enterprise') or '—'}：",
            f"To {notice.get('enterprise') or '—'}:",
            st,
            "body",
        ),
        Spacer(1, 4),
        _two(
            f"你单位于 {local_date(notice.get('sampled_on'), ZH)} 被抽取的 "
            f"{notice.get('designation')}（批号 {notice.get('batch_number')}）样品，经 "
            f"{notice.get('lab')} 检验，结论为：{label('verdict', verdict, ZH)}。"
            f"检验报告编号 {number}。",
            f"The sample of {notice.get('designation')} (batch {notice.get('batch_number')}) "
            f"taken from you on {local_date(notice.get('sampled_on'), EN)} was tested by "
            f"{notice.get('lab_en') or notice.get('lab')}: {label('verdict', verdict, EN)}. "
            f"Test report No. {number}.",
            st,
            "body",
        ),
        Spacer(1, 6),
        _items(notice, st),
        *_conclusion(notice, st),
    ]
    if verdict == "fail":
        items = notice.get("retest_items") or []
        zh_items = labels("item", items, ZH) if items else "—"
        en_items = labels("item", items, EN) if items else "—"
        if deadline:
            right_zh = (
                "对检验结果有异议的，可以自收到本通知书之日起十五日内"
                f"（即 {local_date(deadline, ZH)} 前）"
                f"向组织监督抽查的市场监督管理部门或者其上级市场监督管理部门提出书面复检申请，"
                f"逾期未提出的，视为承认检验结果。可申请复检的项目：{zh_items}。"
                "复检使用封存的备用样品，仅复检有异议的项目；电压试验不复检；复检结论为最终结论。"
            )
            right_en = (
                f"If you dispute the result, you may apply in writing for a re-test within 15 days "
                f"of receiving this notice (by {local_date(deadline, EN)}) to the regulator that "
                f"organised the spot check or to the one above it; without an application the "
                f"result is taken as accepted. Items that may be re-tested: {en_items}. "
                "The re-test uses the sealed backup sample and only the disputed items; voltage "
                "tests are not re-tested; the re-test result is final."
            )
        else:
            right_zh = "复检申请期限自通知送达之日起计算十五日。"
            right_en = "The 15-day re-test window runs from the day this notice is delivered."
        story += [
            _p("复检权利 Right to a re-test", st["heading"]),
            _two(right_zh, right_en, st, "body"),
            Spacer(1, 4),
            _two(
                "不合格产品的生产者、销售者应当立即停止生产、销售同一产品，并按要求整改。",
                "The producer or seller of a nonconforming product must stop producing and "
                "selling the same product at once and rectify as required.",
                st,
                "body",
            ),
        ]
    story += [
        Spacer(1, 10),
        _two(
            f"{notice.get('organiser') or ''}　{local_date(notice.get('notified_on'), ZH)}",
            f"{notice.get('organiser_en') or ''} {local_date(notice.get('notified_on'), EN)}",
            st,
            "body",
        ),
        Spacer(1, 6),
        _two(
            "企业签收：　　　　　　　日期：", "Received by the enterprise:        Date:", st, "body"
        ),
    ]
    doc.build(story, onFirstPage=_footer(url), onLaterPages=_footer(url))
    return buffer.getvalue()
