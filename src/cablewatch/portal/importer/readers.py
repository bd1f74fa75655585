"""Read an announcement file as rows of text cells, one sheet or table at a time.

Every reader yields (sheet name, 1-based row number, cells) while it reads, without
holding the file in memory: xlsx in openpyxl's read-only mode, csv line by line, html
with lxml's incremental parser (each row is dropped from the tree once read).

A published announcement is small; a file that is not is refused before or while it
is read, never after it has filled the memory (see `Limits`): the file's size, the
rows, the cells of a row and of the file, colspan/rowspan, the nesting of an html
page, and for xlsx (a zip archive) the declared and the actual uncompressed size of
its parts and of its shared strings (which openpyxl keeps in memory).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Row = tuple[str, int, list[str]]

MB = 1 << 20


class UnreadableFileError(Exception):
    """The file cannot be read as an announcement at all."""


class FileLimitError(UnreadableFileError):
    """The file exceeds a limit of `Limits`: refused as a whole, nothing imported."""


@dataclass(frozen=True)
class Limits:
    """What an announcement file may hold. The largest published announcements seen
    have a few thousand rows of about 15 columns; these leave room for 100 times that."""

    file_bytes: int = 64 * MB
    xls_bytes: int = 16 * MB  # xlrd reads an xls file whole
    rows: int = 500_000  # rows of the whole file, blank ones included
    cells_per_row: int = 1_000  # after colspan is expanded, trailing blanks not counted
    cells: int = 2_000_000  # of the whole file, blank ones included (each costs ~7 us in xlsx)
    line_chars: int = 1_000_000  # one line of a csv file
    span: int = 1_000  # colspan and rowspan
    depth: int = 64  # nesting of html elements
    unzipped_bytes: int = 128 * MB  # all parts of an xlsx together
    ratio: int = 100  # uncompressed / compressed size of one xlsx part over 1 MB
    shared_strings_bytes: int = 16 * MB  # uncompressed xl/sharedStrings.xml

    def exceeded(self, what: str, value: int | str, limit: int | str) -> FileLimitError:
        return FileLimitError(f"the file exceeds a limit: {what} {value} (the limit is {limit})")


LIMITS = Limits()


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


def read_rows(path: Path, limits: Limits = LIMITS) -> Iterator[Row]:
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise UnreadableFileError(f"unsupported file type {suffix or '(none)'}")
    if not path.is_file():
        raise UnreadableFileError(f"no such file: {path}")
    size = path.stat().st_size
    most = limits.xls_bytes if suffix == ".xls" else limits.file_bytes
    if size > most:
        raise limits.exceeded("size", _mb(size), _mb(most))
    return _bounded(reader(path, limits), limits)


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"


def _bounded(rows: Iterator[Row], limits: Limits) -> Iterator[Row]:
    """Count rows and cells as they are read; stop at the first limit passed."""
    total_cells = 0
    for total_rows, (sheet, number, cells) in enumerate(rows, start=1):
        if total_rows > limits.rows:
            raise limits.exceeded("rows", f"more than {limits.rows}", limits.rows)
        total_cells += len(cells)
        if total_cells > limits.cells:
            raise limits.exceeded("cells", f"more than {limits.cells}", limits.cells)
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) > limits.cells_per_row:
            raise limits.exceeded(f"cells in row {number}", len(cells), limits.cells_per_row)
        yield sheet, number, cells


def check_zip(path: Path, limits: Limits = LIMITS) -> None:
    """Refuse an xlsx whose parts unpack to more than the limits, by the sizes the
    archive declares and then by the bytes it actually unpacks to (read, not kept)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFileError(f"not a readable xlsx workbook: {exc}") from exc
    with archive:
        members = archive.infolist()
        declared = sum(info.file_size for info in members)
        if declared > limits.unzipped_bytes:
            raise limits.exceeded("unpacked size", _mb(declared), _mb(limits.unzipped_bytes))
        for info in members:
            _check_member(info, info.file_size, limits)
        total = cells = rows = 0
        for info in members:
            actual = 0
            sheet = info.filename.startswith("xl/worksheets/")
            try:
                with archive.open(info) as part:
                    while block := part.read(MB):
                        actual += len(block)
                        total += len(block)
                        if total > limits.unzipped_bytes:
                            raise limits.exceeded(
                                "unpacked size",
                                f"more than {_mb(limits.unzipped_bytes)}",
                                _mb(limits.unzipped_bytes),
                            )
                        _check_member(info, actual, limits)
                        if sheet:  # openpyxl spends ~7 us on each cell, even an empty one
                            cells += sum(block.count(tag) for tag in (b"<c ", b"<c>", b"<c/"))
                            rows += block.count(b"<row")
                            _check_counts(cells, rows, limits)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                raise UnreadableFileError(f"not a readable xlsx workbook: {exc}") from exc


def _check_counts(cells: int, rows: int, limits: Limits) -> None:
    if cells > limits.cells:
        raise limits.exceeded("cells", f"more than {limits.cells}", limits.cells)
    if rows > limits.rows:
        raise limits.exceeded("rows", f"more than {limits.rows}", limits.rows)


def _check_member(info: zipfile.ZipInfo, size: int, limits: Limits) -> None:
    if info.filename.lower().endswith("sharedstrings.xml") and size > limits.shared_strings_bytes:
        raise limits.exceeded("shared strings", _mb(size), _mb(limits.shared_strings_bytes))
    if size > MB and size > limits.ratio * max(info.compress_size, 1):
        ratio = size // max(info.compress_size, 1)
        raise limits.exceeded(f"compression ratio of {info.filename}", ratio, limits.ratio)


def _xlsx(path: Path, limits: Limits) -> Iterator[Row]:
    import openpyxl

    check_zip(path, limits)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise UnreadableFileError(f"not a readable xlsx workbook: {exc}") from exc
    try:
        for sheet in book.worksheets:
            # The declared dimension is not trusted: it would pad every row to its width.
            sheet.reset_dimensions()
            for number, raw in enumerate(sheet.iter_rows(values_only=True), start=1):
                values = _trimmed(raw, number, limits) if len(raw) > limits.cells_per_row else raw
                yield sheet.title, number, [cell_text(v) for v in values]
    finally:
        book.close()


def _trimmed(values: tuple[Any, ...], number: int, limits: Limits) -> tuple[Any, ...]:
    end = len(values)
    while end and values[end - 1] in (None, ""):
        end -= 1
    if end > limits.cells_per_row:
        raise limits.exceeded(f"cells in row {number}", end, limits.cells_per_row)
    return values[:end]


def _xls(path: Path, limits: Limits) -> Iterator[Row]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:
        raise UnreadableFileError(f"not a readable xls workbook: {exc}") from exc
    try:
        for sheet in book.sheets():
            if sheet.nrows * sheet.ncols > limits.cells:  # xlrd has read them already
                raise limits.exceeded("cells", sheet.nrows * sheet.ncols, limits.cells)
            for r in range(sheet.nrows):
                yield sheet.name, r + 1, [cell_text(c) for c in sheet.row_values(r)]
    finally:
        book.release_resources()


def _sniff(path: Path, kind: str) -> str:
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if kind == "csv" and b"\x00" in head:
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
    raise UnreadableFileError(f"the {kind} file is neither UTF-8 nor GB18030 text")


def _csv(path: Path, limits: Limits) -> Iterator[Row]:
    encoding = _sniff(path, "csv")
    with path.open(encoding=encoding, newline="") as handle:
        try:
            for number, cells in enumerate(csv.reader(_lines(handle, limits)), start=1):
                yield "", number, [c.strip() for c in cells]
        except (UnicodeDecodeError, csv.Error) as exc:
            raise UnreadableFileError(f"broken csv text: {exc}") from exc


def _lines(handle: Any, limits: Limits) -> Iterator[str]:
    """The lines of a text file, none longer than the limit (a file of one endless line
    would otherwise become one list of millions of cells)."""
    while line := handle.readline(limits.line_chars + 1):
        if len(line) > limits.line_chars:
            raise limits.exceeded("characters in a line", len(line), limits.line_chars)
        yield line


_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([-\w]+)", re.IGNORECASE)


def _html_encoding(path: Path) -> str | None:
    """The page's declared charset (lxml reads it), else UTF-8 or GB18030 by the bytes."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if _CHARSET.search(head):
        return None
    try:
        return _sniff(path, "html").replace("utf-8-sig", "utf-8")
    except UnreadableFileError:
        return "gb18030"


class _Table:
    def __init__(self, name: str) -> None:
        self.name = name
        self.number = 0
        self.cells: list[str] = []
        self.col = 0
        self.carry: dict[int, tuple[int, str]] = {}  # column -> (rows left, text)


def _html(path: Path, limits: Limits) -> Iterator[Row]:
    """Every <table>, rowspan/colspan cells repeated into every slot they cover; a table
    inside a cell is a table of its own. Parsed incrementally: rows are removed from the
    tree once read, so memory holds the open elements only."""
    from lxml import etree  # type: ignore[import-untyped]

    encoding = _html_encoding(path)
    stack: list[_Table] = []
    count = depth = 0
    with path.open("rb") as handle:
        events = etree.iterparse(
            handle, events=("start", "end"), html=True, encoding=encoding, recover=True
        )
        try:
            for event, element in events:
                if event == "start":
                    depth += 1
                    if depth > limits.depth:
                        raise limits.exceeded("nesting of html elements", depth, limits.depth)
                    if element.tag == "table":
                        count += 1
                        stack.append(_Table(f"table {count}"))
                    elif element.tag == "tr" and stack:
                        table = stack[-1]
                        table.number += 1
                        table.cells, table.col = [], 0
                    continue
                depth -= 1
                tag = element.tag
                if tag in ("td", "th") and stack:
                    _cell(stack[-1], element, limits)
                    element.clear(keep_tail=True)
                elif tag == "tr" and stack:
                    table = stack[-1]
                    while table.col in table.carry:
                        table.col = _take_carry(table.carry, table.col, table.cells)
                    yield table.name, table.number, table.cells
                    table.cells = []
                    element.clear(keep_tail=True)
                elif tag == "table" and stack:
                    stack.pop()
                    element.clear(keep_tail=True)
        except etree.LxmlError as exc:  # pragma: no cover (recover=True accepts nearly all)
            raise UnreadableFileError(f"not an html page: {exc}") from exc
    if not count:
        raise UnreadableFileError("the html page has no table")


def _cell(table: _Table, td: Any, limits: Limits) -> None:
    while table.col in table.carry:
        table.col = _take_carry(table.carry, table.col, table.cells)
    text = " ".join(" ".join(td.itertext()).split())
    span = _span(td.get("colspan"), "colspan", limits)
    down = _span(td.get("rowspan"), "rowspan", limits)
    if len(table.cells) + span > limits.cells_per_row:
        raise limits.exceeded(
            f"cells in row {table.number} of {table.name}",
            len(table.cells) + span,
            limits.cells_per_row,
        )
    for _ in range(span):
        table.cells.append(text)
        if down > 1:
            table.carry[table.col] = (down - 1, text)
        table.col += 1


def _take_carry(carry: dict[int, tuple[int, str]], col: int, cells: list[str]) -> int:
    left, text = carry[col]
    cells.append(text)
    if left > 1:
        carry[col] = (left - 1, text)
    else:
        del carry[col]
    return col + 1


def _span(value: Any, what: str, limits: Limits) -> int:
    try:
        span = max(1, int(str(value).strip()))
    except (TypeError, ValueError):
        return 1
    if span > limits.span:
        raise limits.exceeded(what, span, limits.span)
    return span


_READERS = {
    ".xlsx": _xlsx,
    ".xlsm": _xlsx,
    ".xls": _xls,
    ".csv": _csv,
    ".txt": _csv,
    ".html": _html,
    ".htm": _html,
}
SUFFIXES = frozenset(_READERS)
