"""Downloads: CSV, JSON and XLSX streamed row by row; the announcement as PDF.

CSV and JSON are generated while the response is sent (StreamingHttpResponse
over an iterator in primary-key batches), so the whole set is never in memory;
XLSX is written in openpyxl's write-only mode to a temporary file that is
streamed and then removed.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse

from cablewatch.lib.downloads import attach
from cablewatch.lib.sheets import csv_writer, xlsx_row
from cablewatch.portal.models import PublishedResult
from cablewatch.portal.schema import LICENCE, SCHEMA_VERSION, field_names, row_values

CHUNK = 2000


def iter_rows(rows: QuerySet[PublishedResult]) -> Iterator[PublishedResult]:
    """Keyset batches in primary-key order: constant memory, no server-side cursor left open."""
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not batch:
            return
        yield from batch
        last = batch[-1].pk


def _cell(value: Any) -> Any:
    """CSV text of a value: booleans as the schema writes them (true/false), not Python's."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _csv_lines(rows: QuerySet[PublishedResult]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    names = field_names()
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    writer.writerow(names)
    for row in iter_rows(rows):
        values = row_values(row)
        writer.writerow([_cell(values[n]) for n in names])
        if buffer.tell() > 1 << 15:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_lines(rows: QuerySet[PublishedResult], meta: dict[str, Any]) -> Iterator[str]:
    head = {"schema_version": SCHEMA_VERSION, "licence": LICENCE, **meta}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "results": ['
    first = True
    for row in iter_rows(rows):
        yield ("" if first else ",\n") + json.dumps(row_values(row), ensure_ascii=False)
        first = False
    yield "]}\n"


def csv_response(rows: QuerySet[PublishedResult], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    attach(response, f"{filename}.csv")
    return response


def json_response(
    rows: QuerySet[PublishedResult], filename: str, meta: dict[str, Any]
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_json_lines(rows, meta), content_type="application/json")
    attach(response, f"{filename}.json")
    return response


def xlsx_response(rows: QuerySet[PublishedResult], filename: str) -> FileResponse:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("results")
    names = field_names()
    sheet.append(xlsx_row(sheet, names))
    for row in iter_rows(rows):
        values = row_values(row)
        sheet.append(xlsx_row(sheet, [values[n] for n in names]))
    # Deleted when closed, which FileResponse does once the body has been sent.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    book.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
