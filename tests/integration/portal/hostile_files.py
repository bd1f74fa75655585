"""Small hostile announcement files, made on the spot (none is committed): the four the
hardening probe found exhausting the import (issue 13), and a few more of each kind.
Used by tests/integration/portal/test_hostile_files.py and bench/bench_hostile.py."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl

HEADER = (
    "<tr>"
    + "".join(
        f"<td>{name}</td>"
        for name in ("序号", "产品名称", "标称生产企业名称", "规格型号", "抽查结果")
    )
    + "</tr>"
)


def wide_colspan_html(path: Path) -> Path:
    """About 650 bytes: one cell spanning three million columns, in a few rows."""
    cells = "".join(
        f'<tr><td>{n}</td><td>电线</td><td colspan="3000000">甲电缆有限公司</td></tr>'
        for n in range(1, 8)
    )
    path.write_text(f"<html><body><table>{HEADER}{cells}</table></body></html>", "utf-8")
    return path


def nested_tables_html(path: Path, depth: int = 10_000) -> Path:
    """Ten thousand tables each inside a cell of the one before (about 330 KB)."""
    text = "<table><tr><td>" * depth + "x" + "</td></tr></table>" * depth
    path.write_text(f"<html><body>{text}</body></html>", "utf-8")
    return path


def _workbook_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "产品名称", "标称生产企业名称", "规格型号", "抽查结果"])
    sheet.append([1, "电线", "甲电缆有限公司", "BV-2.5", "合格"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _replace_parts(path: Path, parts: dict[str, object]) -> Path:
    """A real workbook with some parts replaced; a value is bytes or a (block, times) pair
    written block by block, so the test never holds the unpacked part in memory."""
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in source.infolist():
            if info.filename in parts:
                continue
            out.writestr(info, source.read(info))
        for name, content in parts.items():
            if isinstance(content, bytes):
                out.writestr(name, content)
                continue
            head, block, times, tail = content  # type: ignore[misc]
            with out.open(name, "w", force_zip64=True) as part:
                part.write(head)
                chunk = block * 1024
                for _ in range(times // 1024):
                    part.write(chunk)
                part.write(block * (times % 1024))
                part.write(tail)
    return path


_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:XFD1048576"/><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def zip_bomb_xlsx(path: Path, unpacked_mb: int = 300) -> Path:
    """A workbook whose one sheet unpacks to `unpacked_mb` MB of empty cells (a few MB)."""
    row = b"<row>" + b"<c/>" * 250 + b"</row>"  # 1 KB
    return _replace_parts(
        path, {"xl/worksheets/sheet1.xml": (_SHEET_HEAD, row, unpacked_mb * 1024, _SHEET_TAIL)}
    )


def lying_zip_xlsx(path: Path) -> Path:
    """A workbook whose sheet declares a small size but unpacks to more (a forged header)."""
    zip_bomb_xlsx(path, unpacked_mb=2)
    data = bytearray(path.read_bytes())
    # Patch the central directory's uncompressed size of the sheet to 1,000 bytes.
    name = b"xl/worksheets/sheet1.xml"
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[at + 24 : at + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def shared_strings_xlsx(path: Path, strings: int = 1_500_000) -> Path:
    """About 1.1 MB: a million and a half tiny shared strings (24 MB unpacked)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        b' count="%d" uniqueCount="%d">' % (strings, strings)
    )
    return _replace_parts(
        path, {"xl/sharedStrings.xml": (head, b"<si><t>a</t></si>", strings, b"</sst>")}
    )


def huge_dimension_xlsx(path: Path) -> Path:
    """A normal small sheet that declares the largest dimension Excel has."""
    sheet = (
        _SHEET_HEAD
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        + _SHEET_TAIL
    )
    return _replace_parts(path, {"xl/worksheets/sheet1.xml": sheet})


def many_rows_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("序号,产品名称,标称生产企业名称,规格型号,抽查结果\n")
        for n in range(rows):
            out.write(f"{n},电线,甲电缆有限公司,BV-2.5,合格\n")
    return path


def wide_csv(path: Path, cells: int) -> Path:
    path.write_text("序号,产品名称\n" + "," * cells + "x\n", "utf-8")
    return path


def many_cells_xlsx(path: Path, rows: int = 250_000) -> Path:
    """Ten empty cells a row, addressed (so it compresses only ~20 times): within the
    unpacked size and the ratio, but 2.5 million cells for openpyxl to walk (~20 s)."""
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    name = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in source.infolist():
            if info.filename != name:
                out.writestr(info, source.read(info))
        with out.open(name, "w") as part:
            part.write(_SHEET_HEAD)
            for start in range(1, rows + 1, 1000):
                part.write(
                    "".join(
                        f'<row r="{n}">'
                        + "".join(f'<c r="{c}{n}"/>' for c in "ABCDEFGHIJ")
                        + "</row>"
                        for n in range(start, min(start + 1000, rows + 1))
                    ).encode()
                )
            part.write(_SHEET_TAIL)
    return path
