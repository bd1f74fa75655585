"""An announcement in the standard column layout: rows for the page, XLSX, CSV and PDF."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpResponse

from cablewatch.base.vocabulary import label, local_date
from cablewatch.lib.downloads import attach
from cablewatch.lib.sheets import csv_writer, xlsx_row
from cablewatch.portal.models import Announcement, PublishedResult
from cablewatch.portal.schema import ANNOUNCEMENT_COLUMNS, item_names


def table(announcement: Announcement) -> list[list[str]]:
    rows = PublishedResult.objects.filter(announcement=announcement).order_by("seq")
    out = []
    for r in rows:
        values: dict[str, Any] = {f: getattr(r, f, "") for f, _h in ANNOUNCEMENT_COLUMNS}
        values["result"] = label("verdict", r.verdict, "zh-hans")
        values["failed_items"] = item_names(r.failed_items)
        out.append(
            [str(values[f] if values[f] is not None else "") for f, _h in ANNOUNCEMENT_COLUMNS]
        )
    return out


def summary_lines(announcement: Announcement) -> list[str]:
    s = announcement.summary
    items = "、".join(f"{item_names(name)}({n})" for name, n in s.get("most_failed", []))
    lines = [
        f"抽查 {s.get('batches', 0)} 批次，涉及 {s.get('enterprises', 0)} 家企业，"
        f"不合格 {s.get('nonconforming', 0)} 批次，合格率 {s.get('pass_rate', 0)}%。",
    ]
    if items:
        lines.append(f"主要不合格项目：{items}。")
    if announcement.correction_note:
        lines.append(f"更正说明：{announcement.correction_note}")
    return lines


def _name(announcement: Announcement) -> str:
    return f"announcement-{announcement.number}-v{announcement.version}"


def as_csv(announcement: Announcement) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow([h for _f, h in ANNOUNCEMENT_COLUMNS])
    writer.writerows(table(announcement))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    attach(response, f"{_name(announcement)}.csv")
    return response


def as_xlsx(announcement: Announcement) -> HttpResponse:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("抽查结果")
    sheet.append(xlsx_row(sheet, [announcement.title]))
    sheet.append(xlsx_row(sheet, [h for _f, h in ANNOUNCEMENT_COLUMNS]))
    for row in table(announcement):
        sheet.append(xlsx_row(sheet, row))
    for line in summary_lines(announcement):
        sheet.append(xlsx_row(sheet, [line]))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    attach(response, f"{_name(announcement)}.xlsx")
    return response


def _text(text: str, style: Any) -> Any:
    """A paragraph of plain text: reportlab reads a paragraph as markup (<img src>,
    <a href>, <font>...), so every <, > and & of a record is escaped first."""
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style)


def as_pdf(announcement: Announcement) -> HttpResponse:
    """Landscape A4 with the embedded CJK font (base/fonts), text escaped for Paragraph."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    from cablewatch.base import fonts

    body = ParagraphStyle("cjk", fontName=fonts.register(), fontSize=7, leading=9, wordWrap="CJK")
    title = ParagraphStyle("cjk-title", parent=body, fontSize=13, leading=17)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), title=announcement.title)
    data = [[_text(h, body) for _f, h in ANNOUNCEMENT_COLUMNS]]
    data += [[_text(c, body) for c in row] for row in table(announcement)]
    grid = Table(data, repeatRows=1)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey)]))
    disclosed = announcement.disclosure_date
    version = f"（第{announcement.version}版）" if announcement.version > 1 else ""
    story = [
        _text(announcement.title + version, title),
        _text(f"{announcement.number} · {local_date(disclosed, 'zh-hans')}", body),
        Spacer(1, 6),
        *[_text(line, body) for line in summary_lines(announcement)],
        Spacer(1, 6),
        grid,
    ]
    doc.build(story)
    response = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    attach(response, f"{_name(announcement)}.pdf")
    return response
