"""Form fields for the measurements a designation requires, and the sample built
from what the officer typed. The standards engine validates the values; this only
turns flat form fields into the engine's JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cablewatch.base.vocabulary import MEASUREMENT_LABELS as LABELS
from cablewatch.base.vocabulary import PART_LABELS
from cablewatch.standards import Designation, required_items
from cablewatch.standards.measurements import NUMBER, OUTCOME, SHAPES

# The measurements' names live in the one vocabulary (base/vocabulary.py).

# measurement key -> the numeric parts it has (None: a pass/fail result), from the
# engine's one declaration of the measurement shapes
PARTS: dict[str, tuple[str, ...] | None] = {
    key: None
    if shape.form == OUTCOME
    else ("value",)
    if shape.form == NUMBER
    else tuple(shape.fields)
    for key, shape in SHAPES.items()
}
NUMBERS = {key for key, shape in SHAPES.items() if shape.form == NUMBER}
PER_SECTION = {key for key, shape in SHAPES.items() if shape.listable}


@dataclass(frozen=True)
class Field:
    name: str  # the form field name, e.g. "conductor_resistance.95.value"
    measurement: str
    part: str | None  # None: a pass/fail select
    section: float | None

    @property
    def label(self) -> str:
        text = str(LABELS.get(self.measurement, self.measurement))
        if self.section is not None:
            text += f" · {self.section:g} mm²"
        part = str(PART_LABELS.get(self.part or "", self.part or ""))
        return f"{text} · {part}" if part else text


def measurement_fields(designation: Designation) -> list[Field]:
    """One field per number (or pass/fail) the required items of `designation` need."""
    fields: list[Field] = []
    seen: set[str] = set()
    sections = list(dict.fromkeys(designation.sections_mm2))
    for item in required_items(designation):
        key = str(item.to_json()["measurement"])
        if key in seen:
            continue
        seen.add(key)
        parts = PARTS.get(key)
        if parts is None:
            fields.append(Field(key, key, None, None))
            continue
        split = key in PER_SECTION and len(sections) > 1
        for section in sections if split else [None]:
            prefix = f"{key}.{section:g}" if section is not None else key
            fields.extend(Field(f"{prefix}.{part}", key, part, section) for part in parts)
    return fields


def _number(raw: str) -> float | str:
    try:
        return float(raw)
    except ValueError:
        return raw  # the engine reports it as not a number, naming the field


def build_measurements(fields: list[Field], data: Mapping[str, str]) -> dict[str, Any]:
    """The engine's `measurements` object from the submitted form; blanks are not tested."""
    out: dict[str, Any] = {}
    for field in fields:
        raw = (data.get(field.name) or "").strip()
        if not raw:
            continue
        if field.part is None:
            out[field.measurement] = raw
        elif field.measurement in NUMBERS:
            out[field.measurement] = _number(raw)
        elif field.section is None:
            out.setdefault(field.measurement, {})[field.part] = _number(raw)
        else:
            groups = out.setdefault(field.measurement, [])
            group = next((g for g in groups if g["section_mm2"] == field.section), None)
            if group is None:
                group = {"section_mm2": field.section}
                groups.append(group)
            group[field.part] = _number(raw)
    return out
