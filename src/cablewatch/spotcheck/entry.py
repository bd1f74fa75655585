"""How a lab enters measurements: the fields for a designation's work list, and the
same fields read from a form, a CSV exported by an instrument, or JSON."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cablewatch.base.errors import DomainError

PARTS = {
    "conductor_resistance": ("value", "temperature_c"),
    "insulation_thickness": ("mean", "min"),
    "sheath_thickness": ("mean", "min"),
    "overall_diameter": ("mean",),
}
VERDICT_ONLY = ("pass", "fail")


@dataclass(frozen=True)
class EntryField:
    """One input: `name` is measurement[.section][.part], also the CSV `field` column."""

    name: str
    measurement: str
    section: float | None
    part: str | None
    label: str
    choice: bool


def _sections(items: list[dict[str, Any]], measurement: str) -> list[float]:
    found: list[float] = []
    for item in items:
        if item["measurement"] != measurement:
            continue
        for limit in item["limits"]:
            section = limit.get("section_mm2")
            if section is not None and section not in found:
                found.append(section)
    return found


def entry_fields(items: list[dict[str, Any]], only: set[str] | None = None) -> list[EntryField]:
    fields: list[EntryField] = []
    seen: set[str] = set()
    for item in items:
        m = item["measurement"]
        if m in seen or (only is not None and m not in only):
            continue
        seen.add(m)
        if m in PARTS:
            sections = _sections(items, m)
            keyed: list[float | None] = list(sections) if len(sections) > 1 else [None]
            for section in keyed:
                for part in PARTS[m]:
                    name = ".".join(x for x in (m, _fmt(section), part) if x)
                    label = f"{m} {_fmt(section) + ' mm² ' if section else ''}{part}"
                    fields.append(EntryField(name, m, section, part, label, False))
        else:
            choice = not item["limits"]
            fields.append(EntryField(m, m, None, None, m, choice))
    return fields


def _fmt(section: float | None) -> str:
    return "" if section is None else f"{section:g}"


def _number(name: str, raw: str) -> float:
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        raise DomainError(f"{name}: not a number", field=name) from None


def measurements_from_values(fields: list[EntryField], values: Mapping[str, str]) -> dict[str, Any]:
    """The standards engine's `measurements` from field name -> text (blank = not entered)."""
    out: dict[str, Any] = {}
    for f in fields:
        raw = (values.get(f.name) or "").strip()
        if not raw:
            continue
        if f.choice:
            if raw not in VERDICT_ONLY:
                raise DomainError(f"{f.name}: pass or fail", field=f.name)
            out[f.measurement] = raw
        elif f.part is None:
            out[f.measurement] = _number(f.name, raw)
        elif f.section is None:
            out.setdefault(f.measurement, {})[f.part] = _number(f.name, raw)
        else:
            rows = out.setdefault(f.measurement, [])
            row = next((r for r in rows if r["section_mm2"] == f.section), None)
            if row is None:
                row = {"section_mm2": f.section}
                rows.append(row)
            row[f.part] = _number(f.name, raw)
    return out


def values_from_csv(data: bytes) -> dict[str, str]:
    """An instrument CSV with the columns `field,value` (UTF-8, optional BOM)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError("the CSV file is not UTF-8", field="csv") from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"field", "value"} <= set(reader.fieldnames):
        raise DomainError("the CSV needs the columns field,value", field="csv")
    return {row["field"].strip(): (row["value"] or "").strip() for row in reader if row["field"]}


def values_from_measurements(
    fields: list[EntryField], measurements: Mapping[str, Any]
) -> dict[str, str]:
    """The inverse, to show a stored version in the form."""
    values: dict[str, str] = {}
    for f in fields:
        value = measurements.get(f.measurement)
        if isinstance(value, list):
            value = next((r for r in value if r.get("section_mm2") == f.section), {})
        if isinstance(value, dict) and f.part is not None:
            value = value.get(f.part)
        if value is not None and not isinstance(value, dict | list):
            values[f.name] = f"{value:g}" if isinstance(value, float) else str(value)
    return values
