"""Validation of a sample's measurements into plain readings, with field-named problems."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Designation, format_number
from .resistance import MAX_TEMPERATURE_C, MIN_TEMPERATURE_C

PASS_FAIL_KEYS = frozenset(
    (
        "voltage_test",
        "flame_test",
        "marking",
        "bunched_flame_test",
        "smoke_density",
        "halogen_acid",
        "fire_resistance",
    )
)
NUMBER_KEYS = frozenset(("insulation_tensile_strength", "insulation_elongation"))
# measurement -> (required fields, optional fields, unit, may be a per-section list)
OBJECT_KEYS: dict[str, tuple[frozenset[str], frozenset[str], str, bool]] = {
    "conductor_resistance": (frozenset({"value"}), frozenset({"temperature_c"}), "Ω/km", True),
    "insulation_thickness": (frozenset(), frozenset({"mean", "min"}), "mm", True),
    "sheath_thickness": (frozenset(), frozenset({"mean", "min"}), "mm", False),
    "overall_diameter": (frozenset({"mean"}), frozenset(), "mm", False),
}
UNITS = {"Ω/km": ("Ω/km", "ohm/km", "Ω/KM"), "mm": ("mm",)}
PASS_WORDS = {"pass": "pass", "fail": "fail", "合格": "pass", "不合格": "fail"}
KNOWN_KEYS = PASS_FAIL_KEYS | NUMBER_KEYS | OBJECT_KEYS.keys()


@dataclass(frozen=True, slots=True)
class Reading:
    """One object of measurements; ``section_mm2`` is None for the whole cable."""

    section_mm2: float | None
    values: Mapping[str, float]


@dataclass(slots=True)
class Validated:
    readings: dict[str, list[Reading]] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[str, str, str]] = field(default_factory=list)

    def problem(self, path: str, zh: str, en: str) -> None:
        self.problems.append((path, zh, en))


def is_number(value: object) -> bool:
    """A finite JSON number; bools are not numbers here."""
    return type(value) in (int, float) and math.isfinite(value)  # type: ignore[arg-type]


def _non_negative(out: Validated, path: str, value: object) -> float | None:
    if is_number(value) and value >= 0:  # type: ignore[operator]
        return float(value)  # type: ignore[arg-type]
    out.problem(path, "必须是 ≥ 0 的数", "must be a number ≥ 0")
    return None


def _temperature(out: Validated, path: str, value: object) -> float | None:
    if is_number(value) and MIN_TEMPERATURE_C <= value <= MAX_TEMPERATURE_C:  # type: ignore[operator]
        return float(value)  # type: ignore[arg-type]
    out.problem(path, "必须是 -50 到 150 之间的数 (°C)", "must be a number from -50 to 150 (°C)")
    return None


def _unit(out: Validated, path: str, value: object, unit: str) -> None:
    if value not in UNITS[unit]:
        out.problem(path, f"单位必须是 {unit}", f"unit must be {unit}")


def _object(
    out: Validated, key: str, path: str, raw: Mapping[str, object], listed: bool
) -> Reading:
    required, optional, unit, _ = OBJECT_KEYS[key]
    values: dict[str, float] = {}
    section: float | None = None
    for name, value in raw.items():
        here = f"{path}.{name}"
        if name == "unit":
            _unit(out, here, value, unit)
        elif name == "section_mm2" and listed:
            section = _non_negative(out, here, value)
        elif name == "temperature_c" and name in optional:
            found = _temperature(out, here, value)
            if found is not None:
                values[name] = found
        elif name in required or name in optional:
            found = _non_negative(out, here, value)
            if found is not None:
                values[name] = found
        else:
            out.problem(here, "未知字段", "unknown field")
    _check_object(out, path, raw, values, listed=listed)
    return Reading(section, values)


def _check_object(
    out: Validated, path: str, raw: Mapping[str, object], values: dict[str, float], *, listed: bool
) -> None:
    required = OBJECT_KEYS[path.split(".", 2)[1].split("[", 1)[0]][0]
    for name in sorted(required - raw.keys()):
        out.problem(f"{path}.{name}", "缺少", "is missing")
    if not required and not ({"mean", "min"} & raw.keys()):
        out.problem(path, "至少需要 mean 或 min", "needs mean or min")
    if listed and "section_mm2" not in raw:
        out.problem(
            f"{path}.section_mm2", "列表中的每项都需要截面", "is missing (needed in a list)"
        )
    if "mean" in values and "min" in values and values["min"] > values["mean"]:
        out.problem(f"{path}.min", "不能大于 mean", "must not exceed mean")


def _sections_text(designation: Designation) -> str:
    return ", ".join(format_number(s) for s in designation.sections_mm2)


def _check_sections(
    out: Validated, path: str, readings: list[Reading], designation: Designation | None
) -> None:
    if designation is None:
        return
    seen: set[float] = set()
    for index, reading in enumerate(readings):
        section = reading.section_mm2
        if section is None:
            continue
        here = f"{path}[{index}].section_mm2"
        if section not in designation.sections_mm2:
            out.problem(
                here,
                f"型号中没有此截面 (有: {_sections_text(designation)} mm²)",
                f"not a cross-section of the designation ({_sections_text(designation)} mm²)",
            )
        elif section in seen:
            out.problem(here, "截面重复", "repeats a cross-section")
        seen.add(section)


def _readings(out: Validated, key: str, raw: object, designation: Designation | None) -> None:
    path = f"measurements.{key}"
    listable = OBJECT_KEYS[key][3]
    if isinstance(raw, Mapping):
        if listable and designation is not None and len(designation.sections_mm2) > 1:
            out.problem(
                path,
                f"导体截面不止一种 ({_sections_text(designation)} mm²), 请按截面给出列表",
                f"the cable has several cross-sections ({_sections_text(designation)} mm²);"
                " give a list with section_mm2",
            )
        out.readings[key] = [_object(out, key, path, raw, listed=False)]
    elif listable and isinstance(raw, list) and raw:
        readings = []
        for index, element in enumerate(raw):
            here = f"{path}[{index}]"
            if isinstance(element, Mapping):
                readings.append(_object(out, key, here, element, listed=True))
            else:
                out.problem(here, "必须是对象", "must be an object")
        _check_sections(out, path, readings, designation)
        out.readings[key] = readings
    else:
        shape = "对象或非空列表" if listable else "对象"
        out.problem(
            path,
            f"必须是{shape}",
            "must be an object" + (" or a non-empty list" if listable else ""),
        )


def _one(out: Validated, key: str, raw: object, designation: Designation | None) -> None:
    path = f"measurements.{key}"
    if raw is None:
        return
    if key in PASS_FAIL_KEYS:
        outcome = PASS_WORDS.get(raw) if isinstance(raw, str) else None
        if outcome is None:
            out.problem(path, '必须是 "pass" 或 "fail"', 'must be "pass" or "fail"')
        else:
            out.outcomes[key] = outcome
    elif key in NUMBER_KEYS:
        found = _non_negative(out, path, raw)
        if found is not None:
            out.numbers[key] = found
    elif key in OBJECT_KEYS:
        _readings(out, key, raw, designation)
    else:
        out.problem(path, "未知的测量项", "unknown measurement")


def validate_measurements(raw: object, designation: Designation | None) -> Validated:
    """Checks every field; problems are (path, zh, en) and name the offending field."""
    out = Validated()
    if raw is None:
        return out
    if not isinstance(raw, Mapping):
        out.problem("measurements", "必须是对象", "must be an object")
        return out
    for key, value in raw.items():
        _one(out, str(key), value, designation)
    return out
