"""Cells for the spreadsheets the platform writes (CSV and XLSX): text never runs as a formula.

A spreadsheet program runs a cell that begins with `=`, `+`, `-` or `@` (and, in some,
one after a tab or carriage return) as a formula, so text from a record, an import
or a form could compute, link out or run a command on the reader's machine
("formula injection", OWASP). One rule for every writer:

- CSV: such text is written with a leading apostrophe (`'=1+1`), which spreadsheet
  programs show as the text and never evaluate. A plain number written as text
  (`-12`, `+3.5`, `-1e3`) is left as it is: it computes nothing.
- XLSX: text is always written as a text cell (openpyxl would store text that
  begins with `=` as a formula), so it is shown exactly as written, without the
  apostrophe. Numbers (int, float, Decimal) stay number cells, negative ones included.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value: Any) -> Any:
    """`value` as safe to write into a CSV cell (text that would be a formula is quoted)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        if _PLAIN_NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(v) for v in values]


class _Writer(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


class SafeCsvWriter:
    """csv.writer whose rows go through csv_cell."""

    def __init__(self, handle: Any, **options: Any) -> None:
        self._writer: _Writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(csv_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(handle: Any, **options: Any) -> SafeCsvWriter:
    return SafeCsvWriter(handle, **options)


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """Cells for `sheet.append` of an openpyxl write-only sheet: text as text cells."""
    from openpyxl.cell import WriteOnlyCell

    row: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # never "f" (formula), whatever the text begins with
            row.append(cell)
        else:  # numbers (Decimal, int, float), dates and empty cells as they are
            row.append(value)
    return row
