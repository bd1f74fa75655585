"""Instrument and LIMS CSV exports read into lab entry values, for a preview before anything
is saved. Every column is accounted for: mapped to a field, or reported with the reason it
is not used. The header names are data (data/instrument_columns.json), in one place.

Two layouts are read:
- long: a column of field names and a column of values (`field,value`, `项目,数值`), with an
  optional blind-code column;
- wide: one row per sample, one column per measurement (`样品编号,导体电阻,温度,...`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from cablewatch.base.errors import DomainError
from cablewatch.spotcheck.entry import EntryField

MAX_BYTES = 2_000_000
_DATA = Path(__file__).with_name("data") / "instrument_columns.json"
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "\u3000": " "})
_SECTION = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:mm²|mm2|平方毫米|平方|sq\.?\s*mm)?$", re.IGNORECASE)
_TRAILING_SECTION = re.compile(r"^(.*?)[\s@_]+(\d+(?:\.\d+)?)\s*(?:mm²|mm2|平方)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_DATA.read_text(encoding="utf-8"))
    headers = {}
    for target, names in data["columns"].items():
        for name in names:
            headers[name.casefold()] = target
    units = {}
    for unit, spellings in data["units"].items():
        for spelling in spellings:
            units[spelling.casefold()] = unit
    return {
        "headers": headers,
        "units": units,
        "codes": {c.casefold() for c in data["codes"]},
        "field_columns": {c.casefold() for c in data["field_columns"]},
        "value_columns": {c.casefold() for c in data["value_columns"]},
    }


@dataclass
class Column:
    """One column (wide layout) or one field name (long layout) of the file."""

    header: str
    field: str | None = None  # the entry field it fills
    label: str = ""  # that field in words
    problem: str = ""  # why it is not used
    filled: int = 0  # cells with a value


@dataclass
class CsvRead:
    columns: list[Column] = field(default_factory=list)
    rows: dict[str | None, dict[str, str]] = field(default_factory=dict)  # code -> field -> text
    problems: list[str] = field(default_factory=list)
    layout: str = "wide"

    @property
    def unused(self) -> list[Column]:
        return [c for c in self.columns if c.field is None]


def _normal(text: str) -> str:
    return " ".join(text.translate(_BRACKETS).strip().lstrip("\ufeff").split())


def _split(header: str) -> tuple[str, float | None, str | None]:
    """`导体电阻(95mm²)(Ω/km)` -> ("导体电阻", 95.0, "Ω/km")."""
    section: float | None = None
    unit: str | None = None
    for segment in re.findall(r"[(\[]([^)\]]*)[)\]]", header):
        found = _SECTION.match(segment.strip())
        if found:
            section = float(found.group(1))
        else:
            unit = segment.strip()
    base = re.sub(r"[(\[][^)\]]*[)\]]", "", header).strip()
    if section is None and base.casefold() not in mapping()["headers"]:
        trailing = _TRAILING_SECTION.match(base)
        if trailing:
            base, section = trailing.group(1).strip(), float(trailing.group(2))
    return base, section, unit


def map_header(header: str, fields: list[EntryField]) -> tuple[EntryField | None, str]:
    """The entry field a header (or a long layout's field name) fills, else the reason."""
    text = _normal(header)
    by_name = {f.name: f for f in fields}
    if text in by_name:
        return by_name[text], ""
    base, section, unit = _split(text)
    target = mapping()["headers"].get(base.casefold())
    if target is None:
        return None, _("Unknown column: not used.")
    chosen, problem = _field_for(str(target), base, section, fields)
    if chosen is not None and unit and mapping()["units"].get(unit.casefold()) != chosen.unit:
        problem = _("The unit %(unit)s is not the field's unit %(expected)s: not used.") % {
            "unit": unit,
            "expected": chosen.unit or "—",
        }
        chosen = None
    return chosen, problem


def _field_for(
    target: str, base: str, section: float | None, fields: list[EntryField]
) -> tuple[EntryField | None, str]:
    measurement, _dot, part = target.partition(".")
    found = [f for f in fields if f.measurement == measurement and (f.part or "") == part]
    if not found and part == "value":
        found = [f for f in fields if f.measurement == measurement and f.part is None]
    if not found:
        return None, _("Not an item to test for this designation: not used.")
    if section is not None:
        found = [
            f for f in found if f.section == section or (f.section is None and len(found) == 1)
        ]
        if not found:
            return None, _("The designation has no conductor of this cross-section: not used.")
    elif len(found) > 1:
        return None, _(
            "The cable has several cross-sections: name one in the header, e.g. %(example)s."
        ) % {"example": f"{base}({found[0].section:g}mm²)"}
    return found[0], ""


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise DomainError(_("The CSV file is too large (at most 2 MB)."), field="csv")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(_("The CSV file is neither UTF-8 nor GB18030 text."), field="csv")


def _table(text: str) -> list[list[str]]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]


def read_csv(data: bytes, fields: list[EntryField]) -> CsvRead:
    """Reads the file against the work list's fields; nothing is saved here."""
    table = _table(_decode(data))
    if len(table) < 2:
        raise DomainError(_("The CSV file has no rows under its header."), field="csv")
    header = [_normal(h) for h in table[0]]
    names = mapping()
    folded = [h.casefold() for h in header]
    code_at = next((i for i, h in enumerate(folded) if h in names["codes"]), None)
    field_at = next((i for i, h in enumerate(folded) if h in names["field_columns"]), None)
    value_at = next((i for i, h in enumerate(folded) if h in names["value_columns"]), None)
    read = CsvRead()
    if field_at is not None and value_at is not None:
        read.layout = "long"
        _long(
            read,
            table[1:],
            fields,
            code_at=code_at,
            field_at=field_at,
            value_at=value_at,
            header=header,
        )
    else:
        _wide(read, table[1:], fields, code_at, header)
    return read


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _use(read: CsvRead, column: Column, fields: list[EntryField], taken: dict[str, str]) -> None:
    chosen, column.problem = map_header(column.header, fields)
    if chosen is None:
        return
    if chosen.name in taken:
        other = taken[chosen.name]
        column.problem = _("Gives the same field as %(other)s: not used.") % {"other": other}
        return
    taken[chosen.name] = column.header
    column.field, column.label = chosen.name, chosen.label


def _wide(
    read: CsvRead,
    body: list[list[str]],
    fields: list[EntryField],
    code_at: int | None,
    header: list[str],
) -> None:
    taken: dict[str, str] = {}
    for index, name in enumerate(header):
        if index == code_at:
            continue
        column = Column(header=name or _("(column %(n)d without a name)") % {"n": index + 1})
        _use(read, column, fields, taken)
        column.filled = sum(1 for row in body if _cell(row, index))
        read.columns.append(column)
    positions = [i for i in range(len(header)) if i != code_at]
    if code_at is None and len(body) > 1:
        read.problems.append(
            _("The file has %(n)d rows but no blind-code column: say which row is which sample.")
            % {"n": len(body)}
        )
        return
    for row in body:
        code = _cell(row, code_at) if code_at is not None else None
        if code_at is not None and not code:
            read.problems.append(_("A row has no blind code: not used."))
            continue
        if code in read.rows:
            read.problems.append(_("Blind code %(code)s appears twice.") % {"code": code})
            continue
        values: dict[str, str] = {}
        for index, column in zip(positions, read.columns, strict=True):
            if column.field is not None and _cell(row, index):
                values[column.field] = _cell(row, index)
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            read.problems.append(_("A row has more cells than the header has names."))
        read.rows[code] = values


def _long(
    read: CsvRead,
    body: list[list[str]],
    fields: list[EntryField],
    *,
    code_at: int | None,
    field_at: int,
    value_at: int,
    header: list[str],
) -> None:
    by_name: dict[str, Column] = {}
    taken: dict[str, str] = {}
    for extra, name in enumerate(header):
        if extra not in (code_at, field_at, value_at):
            filled = sum(1 for row in body if _cell(row, extra))
            column = Column(header=name, problem=_("Unknown column: not used."), filled=filled)
            read.columns.append(column)
    for row in body:
        name = _cell(row, field_at)
        code = _cell(row, code_at) if code_at is not None else None
        if not name:
            if _cell(row, value_at):
                read.problems.append(_("A value without a field name: not used."))
            continue
        named = by_name.get(name)
        if named is None:
            named = by_name[name] = Column(header=name)
            _use(read, named, fields, taken)
            read.columns.append(named)
        value = _cell(row, value_at)
        if value:
            named.filled += 1
        values = read.rows.setdefault(code, {})
        if named.field is not None and value:
            if named.field in values:
                read.problems.append(
                    _("%(field)s is given twice for one sample.") % {"field": named.label}
                )
            values[named.field] = value
