"""Form fields for the measurements a designation requires, and the sample built
from what the officer typed. The standards engine validates the values; this only
turns flat form fields into the engine's JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from cablewatch.standards import Designation, required_items
from cablewatch.standards.measurements import NUMBER, OUTCOME, SHAPES

LABELS: dict[str, StrOrPromise] = {
    "conductor_resistance": _("Conductor resistance (Ω/km)"),
    "insulation_thickness": _("Insulation thickness (mm)"),
    "sheath_thickness": _("Sheath thickness (mm)"),
    "overall_diameter": _("Overall diameter (mm)"),
    "insulation_tensile_strength": _("Insulation tensile strength before ageing (N/mm²)"),
    "insulation_elongation": _("Insulation elongation at break before ageing (%)"),
    "voltage_test": _("Voltage test"),
    "flame_test": _("Single-cable flame test"),
    "bunched_flame_test": _("Bunched-cable flame test"),
    "marking": _("Marking"),
    "smoke_density": _("Smoke density"),
    "halogen_acid": _("Halogen acid gas"),
    "fire_resistance": _("Fire resistance"),
    "insulation_tensile_strength_aged": _("Insulation tensile strength after ageing (N/mm²)"),
    "insulation_elongation_aged": _("Insulation elongation at break after ageing (%)"),
    "insulation_tensile_variation": _("Insulation tensile strength variation after ageing (%)"),
    "insulation_elongation_variation": _("Insulation elongation variation after ageing (%)"),
    "sheath_tensile_strength": _("Sheath tensile strength before ageing (N/mm²)"),
    "sheath_elongation": _("Sheath elongation at break before ageing (%)"),
    "sheath_tensile_strength_aged": _("Sheath tensile strength after ageing (N/mm²)"),
    "sheath_elongation_aged": _("Sheath elongation at break after ageing (%)"),
    "sheath_tensile_variation": _("Sheath tensile strength variation after ageing (%)"),
    "sheath_elongation_variation": _("Sheath elongation variation after ageing (%)"),
    "hot_set": _("Hot set (%)"),
    "insulation_shrinkage": _("Insulation shrinkage (%)"),
    "insulation_loss_of_mass": _("Insulation loss of mass (mg/cm²)"),
    "sheath_loss_of_mass": _("Sheath loss of mass (mg/cm²)"),
    "insulation_resistance": _("Insulation resistance at 70 °C (MΩ·km)"),
    "insulation_resistance_constant": _("Insulation resistance constant Ki (MΩ·km)"),
    "conductor_structure": _("Conductor structure"),
    "core_identification": _("Core identification"),
    "inner_covering_thickness": _("Inner covering thickness (mm)"),
    "armour_wire_diameter": _("Armour wire diameter (mm)"),
    "armour_tape_thickness": _("Armour tape thickness (mm)"),
}
PART_LABELS: dict[str, StrOrPromise] = {
    "value": "",
    "temperature_c": _("temperature at measurement (°C)"),
    "mean": _("mean"),
    "min": _("smallest reading"),
    "under_load": _("elongation under load"),
    "permanent": _("permanent elongation"),
    "wire_count": _("number of wires"),
    "wire_diameter": _("largest wire diameter (mm)"),
}

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
