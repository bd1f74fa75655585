"""lib.sheets: no text a platform file carries runs as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablewatch.lib.sheets import FORMULA_START, csv_cell, csv_writer, xlsx_row


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12", "-12"),  # a plain number computes nothing
        ("+3.5", "+3.5"),
        ("-1e3", "-1e3"),
        ("秦川电缆有限公司", "秦川电缆有限公司"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (Decimal("-2.5"), Decimal("-2.5")),
        (None, None),
    ],
)
def test_csv_cells(value: object, written: object) -> None:
    assert csv_cell(value) == written


@given(st.text())
def test_no_text_reaches_a_csv_cell_as_a_formula(text: str) -> None:
    cell = csv_cell(text)
    if cell.startswith(FORMULA_START):
        float(cell)  # only a plain number may begin with + or -


def test_the_csv_writer_writes_every_row_through_the_rule() -> None:
    out = io.StringIO()
    csv_writer(out).writerows([["=1", "ok"], ["@x", 3]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1", "ok"], ["'@x", "3"]]


def test_xlsx_text_is_a_text_cell_and_numbers_stay_numbers() -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("s")
    sheet.append(xlsx_row(sheet, ["=1+1", "@SUM(A1)", "-2+3", -5, 2.5, Decimal("-1.5"), None]))
    buffer = io.BytesIO()
    book.save(buffer)
    cells = next(openpyxl.load_workbook(buffer).worksheets[0].iter_rows())
    assert [c.value for c in cells[:6]] == ["=1+1", "@SUM(A1)", "-2+3", -5, 2.5, -1.5]
    assert [c.data_type for c in cells[:6]] == ["s", "s", "s", "n", "n", "n"]
