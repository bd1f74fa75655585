"""Read an announcement file as rows of text cells, one sheet or table at a time.

Every reader yields (sheet name, 1-based row number, cells) without holding the
file in memory: xlsx in read-only mode, csv line by line; html tables are parsed
whole (announcement pages are small).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Row = tuple[str, int, list[str]]


class UnreadableFileError(Exception):
    """The file cannot be read as an announcement at all."""


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_rows(path: Path) -> Iterator[Row]:
    suffix = path.suffix.lower()
    readers = {
        ".xlsx": _xlsx,
        ".xlsm": _xlsx,
        ".xls": _xls,
        ".csv": _csv,
        ".txt": _csv,
        ".html": _html,
        ".htm": _html,
    }
    reader = readers.get(suffix)
    if reader is None:
        raise UnreadableFileError(f"unsupported file type {suffix or '(none)'}")
    if not path.is_file():
        raise UnreadableFileError(f"no such file: {path}")
    return reader(path)


def _xlsx(path: Path) -> Iterator[Row]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise UnreadableFileError(f"not a readable xlsx workbook: {exc}") from exc
    try:
        for sheet in book.worksheets:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield sheet.title, number, [cell_text(v) for v in values]
    finally:
        book.close()


def _xls(path: Path) -> Iterator[Row]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:
        raise UnreadableFileError(f"not a readable xls workbook: {exc}") from exc
    try:
        for sheet in book.sheets():
            for r in range(sheet.nrows):
                yield sheet.name, r + 1, [cell_text(c) for c in sheet.row_values(r)]
    finally:
        book.release_resources()


def _encoding(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if b"\x00" in head:
        raise UnreadableFileError("binary data in a csv file")
    # Cut at the last newline so a multi-byte character is never split.
    cut = head.rfind(b"\n")
    sample = head if cut < 0 or len(head) < (1 << 16) else head[:cut]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise UnreadableFileError("the csv file is neither UTF-8 nor GB18030 text")


def _csv(path: Path) -> Iterator[Row]:
    encoding = _encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        try:
            for number, cells in enumerate(csv.reader(handle), start=1):
                yield "", number, [c.strip() for c in cells]
        except (UnicodeDecodeError, csv.Error) as exc:
            raise UnreadableFileError(f"broken csv text: {exc}") from exc


def _html(path: Path) -> Iterator[Row]:
    from bs4 import BeautifulSoup

    raw = path.read_bytes()
    try:
        soup = BeautifulSoup(raw, "lxml")
    except Exception as exc:  # pragma: no cover (lxml accepts nearly anything)
        raise UnreadableFileError(f"not an html page: {exc}") from exc
    tables = soup.find_all("table")
    if not tables:
        raise UnreadableFileError("the html page has no table")
    for index, table in enumerate(tables, start=1):
        yield from _table_rows(table, f"table {index}")


def _table_rows(table: Any, name: str) -> Iterator[Row]:
    """Rows of one table with rowspan/colspan cells repeated into every slot they cover."""
    carry: dict[int, tuple[int, str]] = {}  # column -> (rows left, text)
    for number, tr in enumerate(table.find_all("tr"), start=1):
        cells: list[str] = []
        col = 0
        for td in tr.find_all(["td", "th"]):
            while col in carry:
                col = _take_carry(carry, col, cells)
            text = " ".join(td.get_text(" ", strip=True).split())
            span = _int(td.get("colspan"))
            down = _int(td.get("rowspan"))
            for _ in range(span):
                cells.append(text)
                if down > 1:
                    carry[col] = (down - 1, text)
                col += 1
        while col in carry:
            col = _take_carry(carry, col, cells)
        yield name, number, cells


def _take_carry(carry: dict[int, tuple[int, str]], col: int, cells: list[str]) -> int:
    left, text = carry[col]
    cells.append(text)
    if left > 1:
        carry[col] = (left - 1, text)
    else:
        del carry[col]
    return col + 1


def _int(value: Any) -> int:
    try:
        return max(1, int(str(value)))
    except (TypeError, ValueError):
        return 1
