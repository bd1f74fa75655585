"""Measurement shapes, declared once, and the one validator that reads them.

Every measurement a sample may carry is a ``Shape`` in ``SHAPES``: a pass/fail outcome,
a lone number, or an object of named values (optionally a list per cross-section). Each
value has a ``FieldKind`` that reads it (a finite number ≥ 0, a temperature, a signed
percentage, a count) and words its problem in both languages. ``read_measurements`` is
used by judge() and by the batch alike: on well-formed input it only reads; a problem is
recorded with its field path and that measurement is left out of the judgement.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .model import format_number
from .resistance import MAX_TEMPERATURE_C, MIN_TEMPERATURE_C

_INF = float("inf")


def is_number(value: object) -> bool:
    """A finite JSON number; bools are not numbers here."""
    return type(value) in (int, float) and math.isfinite(value)  # type: ignore[arg-type]


def _non_negative(value: object) -> float | None:
    if type(value) is float:
        return value if 0.0 <= value < _INF else None
    if type(value) is int and value >= 0:
        try:
            return float(value)
        except OverflowError:
            return None
    return None


def _in_range(low: float, high: float) -> Callable[[object], float | None]:
    def read(value: object) -> float | None:
        if (type(value) is float or type(value) is int) and low <= value <= high:
            return float(value)
        return None

    return read


def _count(value: object) -> float | None:
    found = _non_negative(value)
    return found if found is not None and found == int(found) else None


@dataclass(frozen=True, slots=True)
class FieldKind:
    """How one value is read, and what is said when it cannot be."""

    read: Callable[[object], float | None]
    zh: str
    en: str


NON_NEGATIVE = FieldKind(_non_negative, "必须是 ≥ 0 的数", "must be a number ≥ 0")
TEMPERATURE = FieldKind(
    _in_range(MIN_TEMPERATURE_C, MAX_TEMPERATURE_C),
    "必须是 -50 到 150 之间的数 (°C)",
    "must be a number from -50 to 150 (°C)",
)
SIGNED_PERCENT = FieldKind(
    _in_range(-100.0, 1e6), "必须是 ≥ -100 的数 (%)", "must be a number ≥ -100 (%)"
)
COUNT = FieldKind(_count, "必须是 ≥ 0 的整数", "must be a whole number ≥ 0")

OUTCOME, NUMBER, OBJECT = "outcome", "number", "object"


@dataclass(frozen=True, slots=True)
class Shape:
    """One measurement's input shape.

    ``fields``: the named values (a NUMBER has the one field ``value``); ``required``:
    names that must be present; ``one_of``: at least one of these; ``units``: accepted
    spellings of the unit (the first is the unit's name); ``listable``: may be a list of
    objects with ``section_mm2``; ``ordered``: (a, b) where a must not exceed b.
    """

    form: str
    fields: Mapping[str, FieldKind] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    one_of: frozenset[str] = frozenset()
    units: tuple[str, ...] = ()
    listable: bool = False
    ordered: tuple[str, str] | None = None


_OUTCOME = Shape(OUTCOME)
_NUMBER = Shape(NUMBER, {"value": NON_NEGATIVE})
_SIGNED = Shape(NUMBER, {"value": SIGNED_PERCENT})
_MM = ("mm",)
_MEAN_MIN = frozenset(("mean", "min"))
_THICKNESS = {"mean": NON_NEGATIVE, "min": NON_NEGATIVE}

SHAPES: dict[str, Shape] = {
    # the lab's pass/fail results
    **dict.fromkeys(
        (
            "voltage_test",
            "flame_test",
            "marking",
            "bunched_flame_test",
            "smoke_density",
            "halogen_acid",
            "fire_resistance",
            "core_identification",
        ),
        _OUTCOME,
    ),
    # lone numbers: medians (N/mm², %), loss of mass (mg/cm²), shrinkage (%), Ki, mm
    **dict.fromkeys(
        (
            "insulation_tensile_strength",
            "insulation_elongation",
            "insulation_tensile_strength_aged",
            "insulation_elongation_aged",
            "sheath_tensile_strength",
            "sheath_elongation",
            "sheath_tensile_strength_aged",
            "sheath_elongation_aged",
            "insulation_shrinkage",
            "insulation_loss_of_mass",
            "sheath_loss_of_mass",
            "insulation_resistance_constant",
            "armour_wire_diameter",
            "armour_tape_thickness",
        ),
        _NUMBER,
    ),
    # variations after ageing, signed (%)
    **dict.fromkeys(
        (
            "insulation_tensile_variation",
            "insulation_elongation_variation",
            "sheath_tensile_variation",
            "sheath_elongation_variation",
        ),
        _SIGNED,
    ),
    "conductor_resistance": Shape(
        OBJECT,
        {"value": NON_NEGATIVE, "temperature_c": TEMPERATURE},
        required=frozenset(("value",)),
        units=("Ω/km", "ohm/km", "Ω/KM"),
        listable=True,
    ),
    "insulation_thickness": Shape(
        OBJECT, _THICKNESS, one_of=_MEAN_MIN, units=_MM, listable=True, ordered=("min", "mean")
    ),
    "sheath_thickness": Shape(
        OBJECT, _THICKNESS, one_of=_MEAN_MIN, units=_MM, ordered=("min", "mean")
    ),
    "inner_covering_thickness": Shape(
        OBJECT, _THICKNESS, one_of=_MEAN_MIN, units=_MM, ordered=("min", "mean")
    ),
    "overall_diameter": Shape(
        OBJECT, {"mean": NON_NEGATIVE}, required=frozenset(("mean",)), units=_MM
    ),
    "hot_set": Shape(
        OBJECT,
        {"under_load": NON_NEGATIVE, "permanent": SIGNED_PERCENT},
        one_of=frozenset(("under_load", "permanent")),
        units=("%",),
    ),
    "insulation_resistance": Shape(
        OBJECT,
        {"value": NON_NEGATIVE},
        required=frozenset(("value",)),
        units=("MΩ·km", "MΩ.km", "Mohm.km"),
    ),
    "conductor_structure": Shape(
        OBJECT,
        {"wire_count": COUNT, "wire_diameter": NON_NEGATIVE},
        one_of=frozenset(("wire_count", "wire_diameter")),
        units=_MM,
        listable=True,
    ),
}
PASS_WORDS = {"pass": "pass", "fail": "fail", "合格": "pass", "不合格": "fail"}
_PATHS = {key: f"measurements.{key}" for key in SHAPES}

# One reading: its cross-section (None for the whole cable) and its named values.
Reading = tuple[float | None, dict[str, float]]
Values = dict[str, float] | list[Reading]


@dataclass(slots=True)
class Readings:
    """What read_measurements took: values per measurement, outcomes, problems.

    ``values`` maps a measurement to its values for the whole cable (a lone number is
    ``{"value": number}``) or to its per-section list. A measurement with a problem is
    not in ``values`` (it is not judged); ``problems`` are (path, zh, en).
    """

    values: dict[str, Values] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[str, str, str]] = field(default_factory=list)

    def problem(self, path: str, zh: str, en: str) -> None:
        self.problems.append((path, zh, en))


def _sections_text(sections: tuple[float, ...]) -> str:
    return ", ".join(format_number(s) for s in sections)


def _object(  # noqa: PLR0912 - one pass over the object, then its shape's conditions
    out: Readings, shape: Shape, path: str, raw: dict[str, object], listed: bool
) -> Reading | None:
    values: dict[str, float] = {}
    section: float | None = None
    same = True  # every value read as it was written: raw itself serves as the values
    problems = out.problems
    before = len(problems)
    fields = shape.fields
    for name, value in raw.items():
        kind = fields.get(name)
        if kind is not None:
            found = kind.read(value)
            if found is None:
                out.problem(f"{path}.{name}", kind.zh, kind.en)
            else:
                values[name] = found
                same = same and found is value
        elif name == "unit":
            if value not in shape.units:
                unit = shape.units[0]
                out.problem(f"{path}.unit", f"单位必须是 {unit}", f"unit must be {unit}")
        elif name == "section_mm2" and listed:
            section = _non_negative(value)
            if section is None:
                out.problem(f"{path}.section_mm2", NON_NEGATIVE.zh, NON_NEGATIVE.en)
        else:
            out.problem(f"{path}.{name}", "未知字段", "unknown field")
    keys = raw.keys()
    if shape.required and not shape.required <= keys:
        for name in sorted(shape.required - keys):
            out.problem(f"{path}.{name}", "缺少", "is missing")
    if shape.one_of and shape.one_of.isdisjoint(keys):
        names = sorted(shape.one_of)
        out.problem(path, f"至少需要 {' 或 '.join(names)}", f"needs {' or '.join(names)}")
    if listed and "section_mm2" not in raw:
        out.problem(
            f"{path}.section_mm2", "列表中的每项都需要截面", "is missing (needed in a list)"
        )
    if shape.ordered is not None:
        low, high = shape.ordered
        if values.get(low, 0.0) > values.get(high, _INF):
            out.problem(f"{path}.{low}", f"不能大于 {high}", f"must not exceed {high}")
    if len(problems) > before:
        return None
    # the checks read only the named values, so a unit or section_mm2 left in does no harm
    return section, raw if same else values  # type: ignore[return-value]


def _listed(
    out: Readings, shape: Shape, path: str, raw: list[object], sections: tuple[float, ...]
) -> list[Reading] | None:
    before = len(out.problems)
    readings: list[Reading] = []
    seen: set[float | None] = set()
    for index, element in enumerate(raw):
        here = f"{path}[{index}]"
        if type(element) is not dict:
            out.problem(here, "必须是对象", "must be an object")
            continue
        reading = _object(out, shape, here, element, listed=True)
        if reading is None:
            continue
        section = reading[0]
        if section not in sections:
            out.problem(
                f"{here}.section_mm2",
                f"型号中没有此截面 (有: {_sections_text(sections)} mm²)",
                f"not a cross-section of the designation ({_sections_text(sections)} mm²)",
            )
        elif section in seen:
            out.problem(f"{here}.section_mm2", "截面重复", "repeats a cross-section")
        seen.add(section)
        readings.append(reading)
    return readings if len(out.problems) == before else None


def _read(out: Readings, key: str, shape: Shape, raw: object, sections: tuple[float, ...]) -> None:
    path = f"measurements.{key}"
    if shape.form is NUMBER:
        kind = shape.fields["value"]
        found = kind.read(raw)
        if found is None:
            out.problem(path, kind.zh, kind.en)
        else:
            out.values[key] = {"value": found}
        return
    if shape.form is OUTCOME:
        outcome = PASS_WORDS.get(raw) if type(raw) is str else None
        if outcome is None:
            out.problem(path, '必须是 "pass" 或 "fail"', 'must be "pass" or "fail"')
        else:
            out.outcomes[key] = outcome
        return
    listable = shape.listable
    if type(raw) is dict:
        if listable and len(sections) > 1:
            out.problem(
                path,
                f"导体截面不止一种 ({_sections_text(sections)} mm²), 请按截面给出列表",
                f"the cable has several cross-sections ({_sections_text(sections)} mm²);"
                " give a list with section_mm2",
            )
            return
        reading = _object(out, shape, path, raw, listed=False)
        if reading is not None:
            out.values[key] = reading[1]
    elif listable and type(raw) is list and raw:
        readings = _listed(out, shape, path, raw, sections)
        if readings is not None:
            out.values[key] = readings
    else:
        what = "对象或非空列表" if listable else "对象"
        more = " or a non-empty list" if listable else ""
        out.problem(path, f"必须是{what}", f"must be an object{more}")


def read_measurements(raw: object, sections: tuple[float, ...]) -> Readings:
    """Reads every measurement of a cable with these cross-sections; problems name the field.

    ``None`` (absent, or a measurement given as null) is not tested.
    """
    out = Readings()
    if raw is None:
        return out
    if type(raw) is not dict:
        out.problem("measurements", "必须是对象", "must be an object")
        return out
    outcomes = out.outcomes
    values = out.values
    several = len(sections) > 1
    for key, value in raw.items():
        if value is None:
            continue
        shape = SHAPES.get(key)
        if shape is None:
            out.problem(f"measurements.{key}", "未知的测量项", "unknown measurement")
            continue
        form = shape.form
        # the common well-formed cases first; _read takes (and words) everything else
        if form is OUTCOME:
            if type(value) is str and value in PASS_WORDS:
                outcomes[key] = PASS_WORDS[value]
                continue
        elif form is NUMBER:
            found = shape.fields["value"].read(value)
            if found is not None:
                values[key] = {"value": found}
                continue
        elif type(value) is dict and not (several and shape.listable):
            reading = _object(out, shape, _PATHS[key], value, listed=False)
            if reading is not None:
                values[key] = reading[1]
            continue
        _read(out, key, shape, value, sections)
    return out
