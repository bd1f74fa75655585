"""How a lab enters measurements: the fields for a designation's work list (with the unit,
nominal value and limit of each), the engine's `measurements` read from what was typed
(a form, a worksheet row or an instrument CSV), and every problem put beside its field.

The rules are the standards engine's: this module only turns text into the engine's JSON
shape, refuses what is not a number, and maps the engine's field paths back to inputs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cablewatch.base.vocabulary import MEASUREMENT_LABELS as LABELS
from cablewatch.base.vocabulary import PART_LABELS
from cablewatch.standards.measurements import NUMBER, OUTCOME, SHAPES
from cablewatch.standards.rules import LABELS as ITEM_LABELS

VERDICT_ONLY = ("pass", "fail")
# What is typed for a pass/fail item, in either language.
CHOICE_WORDS = {"pass": "pass", "fail": "fail", "合格": "pass", "不合格": "fail"}
# Units of the engine's lone numbers (its object shapes carry their own, `Shape.units`).
UNITS: dict[str, str] = {
    "insulation_tensile_strength": "N/mm²",
    "insulation_tensile_strength_aged": "N/mm²",
    "sheath_tensile_strength": "N/mm²",
    "sheath_tensile_strength_aged": "N/mm²",
    "insulation_elongation": "%",
    "insulation_elongation_aged": "%",
    "sheath_elongation": "%",
    "sheath_elongation_aged": "%",
    "insulation_tensile_variation": "%",
    "insulation_elongation_variation": "%",
    "sheath_tensile_variation": "%",
    "sheath_elongation_variation": "%",
    "insulation_shrinkage": "%",
    "insulation_loss_of_mass": "mg/cm²",
    "sheath_loss_of_mass": "mg/cm²",
    "insulation_resistance_constant": "MΩ·km",
    "armour_wire_diameter": "mm",
    "armour_tape_thickness": "mm",
}
PART_UNITS = {"temperature_c": "°C", "wire_count": ""}
# Parts shown even when no item is judged on them (they correct another reading).
HELPER_PARTS = frozenset({"temperature_c"})
# Readings no instrument gives for a cable (a slip of the keyboard, 1e308 mm): the largest
# plausible value per unit. The engine's own rules (≥ 0, min ≤ mean, −50…150 °C) come on top.
PLAUSIBLE_MAX: dict[str, float] = {
    "Ω/km": 10_000.0,
    "mm": 500.0,
    "N/mm²": 500.0,
    "%": 5_000.0,
    "mg/cm²": 100.0,
}
# Item kinds (the engine's ItemKind values) whose limit is a ceiling, or a ± band.
CEILING_KINDS = frozenset({"resistance", "at_most"})
BAND_KINDS = frozenset({"within"})


def unit_of(measurement: str, part: str | None) -> str:
    """The unit a reading is typed in."""
    if part in PART_UNITS:
        return PART_UNITS[part]
    shape = SHAPES.get(measurement)
    if shape is not None and shape.units:
        return shape.units[0]
    return UNITS.get(measurement, "")


def engine_lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


def item_name(item: str) -> str:
    """An item's name in the user's language (the engine's own names)."""
    zh, en = ITEM_LABELS.get(item, (item, item))
    return en if engine_lang() == "en" else zh


@dataclass(frozen=True)
class EntryField:
    """One input: `name` is measurement[.section][.part], also the CSV `field` column."""

    name: str
    measurement: str
    section: float | None
    part: str | None
    choice: bool
    unit: str = ""
    items: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        base = LABELS.get(self.measurement)
        section = f" · {self.section:g} mm²" if self.section is not None else ""
        if base is None and len(self.items) == 1:
            return item_name(self.items[0]) + section  # the engine's name of the one item
        text = str(base) if base is not None else item_name(self.measurement)
        text = text.split(" (", 1)[0] if self.unit else text  # the unit has its own column
        part = str(PART_LABELS.get(self.part or "", self.part or ""))
        return f"{text}{section} · {part}" if part else text + section


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


def _parts(measurement: str, items: list[dict[str, Any]]) -> tuple[str, ...] | None:
    """The parts of a measurement, from the engine's shape: None for a pass/fail result,
    () for one plain number, else the named values an item is judged on (and helpers)."""
    shape = SHAPES.get(measurement)
    if shape is None:
        limited = any(i["limits"] for i in items if i["measurement"] == measurement)
        return () if limited else None
    if shape.form == OUTCOME:
        return None
    if shape.form == NUMBER:
        return ()
    judged = {_field_of(i) for i in items if i["measurement"] == measurement}
    parts = tuple(p for p in shape.fields if p in judged or p in HELPER_PARTS)
    return parts or tuple(shape.fields)


def _field_of(item: Mapping[str, Any]) -> str:
    """The part of its measurement an item is judged on (the engine's `ItemSpec.field`;
    from the item's name when the work list does not carry it)."""
    if "field" in item:
        return str(item["field"] or "value")
    prefix = f"{item['measurement']}_"
    return item["item"][len(prefix) :] if item["item"].startswith(prefix) else "value"


def _fed(items: list[dict[str, Any]], m: str, part: str | None) -> tuple[str, ...]:
    """The work-list items a field's reading is judged on."""
    return tuple(
        i["item"] for i in items if i["measurement"] == m and _field_of(i) == (part or "value")
    )


def entry_fields(items: list[dict[str, Any]], only: set[str] | None = None) -> list[EntryField]:
    fields: list[EntryField] = []
    seen: set[str] = set()
    for item in items:
        m = item["measurement"]
        if m in seen or (only is not None and m not in only):
            continue
        seen.add(m)
        parts = _parts(m, items)
        if parts is None:
            fields.append(EntryField(m, m, None, None, True, "", _fed(items, m, None)))
            continue
        if not parts:
            fields.append(
                EntryField(m, m, None, None, False, unit_of(m, None), _fed(items, m, None))
            )
            continue
        sections = _sections(items, m)
        keyed: list[float | None] = list(sections) if len(sections) > 1 else [None]
        first = len(fields)
        for section in keyed:
            for part in parts:
                name = ".".join(x for x in (m, _fmt(section), part) if x)
                unit = unit_of(m, part)
                fields.append(EntryField(name, m, section, part, False, unit, _fed(items, m, part)))
        if not any(f.items for f in fields[first:]):  # an item this module has no part for
            fields[first] = _with_items(fields[first], _fed(items, m, None) or (m,))
    return fields


def _with_items(f: EntryField, items: tuple[str, ...]) -> EntryField:
    return EntryField(f.name, f.measurement, f.section, f.part, f.choice, f.unit, items)


def _fmt(section: float | None) -> str:
    return "" if section is None else f"{section:g}"


# --- reading what was typed -------------------------------------------------------------

_MINUS = str.maketrans({"−": "-", "－": "-", "，": ".", "．": ".", "＋": "+"})


def _number(raw: str) -> float | None:
    text = raw.translate(_MINUS).replace(",", ".").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass
class Entry:
    """What was typed for one sample, the engine's measurements, and the problems."""

    values: dict[str, str]
    measurements: dict[str, Any] = field(default_factory=dict)
    manual: dict[str, dict[str, str]] = field(default_factory=dict)  # items judged by hand
    errors: dict[str, str] = field(default_factory=dict)  # field name -> the problem
    general: list[str] = field(default_factory=list)  # problems no field owns

    @property
    def ok(self) -> bool:
        return not self.errors and not self.general

    @property
    def blank(self) -> bool:
        return not any(v.strip() for v in self.values.values())


HAND_PARTS = ("result", "clause", "reason")


def hand_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items the engine cannot judge (requirement not encoded): the analyst may judge
    them against a named clause with a reason; the engine refuses it for any other item."""
    return [i for i in items if i.get("missing_standard")]


def hand_name(item: str, part: str) -> str:
    """The input of a judgement by hand; it is also the engine's path (manual.<item>.<part>)."""
    return f"manual.{item}.{part}"


def read_entry(
    fields: list[EntryField],
    values: Mapping[str, str],
    hand: list[dict[str, Any]] | None = None,
) -> Entry:
    """The engine's `measurements` from field name -> text (blank = not entered), and the
    judgements by hand of the `hand` items (result, clause, reason).

    Text that is not a number (or not pass/fail) is refused here, beside its field; the
    typed text is kept in `values` whatever happens.
    """
    entry = Entry(values={f.name: (values.get(f.name) or "").strip() for f in fields})
    _read_hand(entry, hand or [], values)
    out = entry.measurements
    for f in fields:
        raw = entry.values[f.name]
        if not raw:
            continue
        if f.choice:
            word = CHOICE_WORDS.get(raw.lower() if raw.isascii() else raw)
            if word is None:
                entry.errors[f.name] = _("Choose pass or fail.")
            else:
                out[f.measurement] = word
            continue
        number = _number(raw)
        if number is None:
            entry.errors[f.name] = _("Not a number.")
            continue
        if f.part is None:
            out[f.measurement] = number
        elif f.section is None:
            out.setdefault(f.measurement, {})[f.part] = number
        else:
            rows = out.setdefault(f.measurement, [])
            row = next((r for r in rows if r["section_mm2"] == f.section), None)
            if row is None:
                row = {"section_mm2": f.section}
                rows.append(row)
            row[f.part] = number
    return entry


def _read_hand(entry: Entry, hand: list[dict[str, Any]], values: Mapping[str, str]) -> None:
    for item in hand:
        typed = {p: (values.get(hand_name(item["item"], p)) or "").strip() for p in HAND_PARTS}
        for part, text in typed.items():
            entry.values[hand_name(item["item"], part)] = text
        if any(typed.values()):
            result = CHOICE_WORDS.get(typed["result"], typed["result"])
            entry.manual[item["item"]] = {**typed, "result": result}


def measurements_from_values(fields: list[EntryField], values: Mapping[str, str]) -> dict[str, Any]:
    """The measurements only (text that is not a number is left out: see read_entry)."""
    return read_entry(fields, values).measurements


def implausible(measurements: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(engine path, problem) for readings beyond any cable's (PLAUSIBLE_MAX)."""
    problems: list[tuple[str, str]] = []

    def check(path: str, key: str, part: str | None, value: object) -> None:
        unit = unit_of(key, part)
        top = PLAUSIBLE_MAX.get(unit)
        if part == "section_mm2" or top is None or type(value) not in (int, float):
            return
        if abs(value) > top:  # type: ignore[arg-type]
            problems.append(
                (
                    path,
                    _("Not a plausible reading (at most %(top)s %(unit)s).")
                    % {"top": f"{top:g}", "unit": unit},
                )
            )

    for key, value in measurements.items():
        base = f"measurements.{key}"
        if isinstance(value, Mapping):
            for part, number in value.items():
                check(f"{base}.{part}", key, str(part), number)
        elif isinstance(value, list):
            for index, row in enumerate(value):
                if isinstance(row, Mapping):
                    for part, number in row.items():
                        check(f"{base}[{index}].{part}", key, str(part), number)
        else:
            check(base, key, None, value)
    return problems


def _paths(fields: list[EntryField], measurements: Mapping[str, Any]) -> dict[str, str]:
    """Engine path (`measurements.x[1].min`) -> field name, for the measurements as built."""
    paths: dict[str, str] = {}
    for f in fields:
        base = f"measurements.{f.measurement}"
        paths.setdefault(base, f.name)
        if f.part is None:
            continue
        if f.section is None:
            paths[f"{base}.{f.part}"] = f.name
            continue
        rows = measurements.get(f.measurement)
        index = next(
            (i for i, r in enumerate(rows or []) if r.get("section_mm2") == f.section), None
        )
        if index is not None:
            paths.setdefault(f"{base}[{index}]", f.name)
            paths.setdefault(f"{base}[{index}].section_mm2", f.name)
            paths[f"{base}[{index}].{f.part}"] = f.name
    return paths


_PART_WORD = re.compile(r"\b(mean|min|section_mm2|value|temperature_c)\b")


def _words(message: str) -> str:
    """The engine names parts by key (`不能大于 mean`): put the user's words there."""
    return _PART_WORD.sub(lambda m: str(PART_LABELS.get(m.group(1)) or _("reading")), message)


def _candidates(path: str) -> list[str]:
    """`m.x[1].min`, `m.x[1]`, `m.x`, `m`: the path and each of its parents."""
    found = [path]
    while True:
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            return found
        path = path[:cut]
        found.append(path)


def place_problems(fields: list[EntryField], entry: Entry, problems: list[tuple[str, str]]) -> None:
    """Puts each (engine path, message) beside the field it names (else with the form)."""
    paths = _paths(fields, entry.measurements)
    for item in entry.manual:
        paths[f"manual.{item}"] = hand_name(item, "result")
        for part in HAND_PARTS:
            paths[hand_name(item, part)] = hand_name(item, part)
    for path, message in problems:
        name = next((paths[p] for p in _candidates(path) if p in paths), None)
        if name is None:
            entry.general.append(_words(message))
        elif name not in entry.errors:
            entry.errors[name] = _words(message)


def values_from_measurements(
    fields: list[EntryField],
    measurements: Mapping[str, Any],
    manual: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, str]:
    """The inverse, to show a stored version in the form."""
    values: dict[str, str] = {}
    for item, hand in (manual or {}).items():
        for part in HAND_PARTS:
            values[hand_name(item, part)] = str(hand.get(part, ""))
    for f in fields:
        value = measurements.get(f.measurement)
        if isinstance(value, list):
            value = next((r for r in value if r.get("section_mm2") == f.section), {})
        if isinstance(value, dict) and f.part is not None:
            value = value.get(f.part)
        if value is not None and not isinstance(value, dict | list):
            values[f.name] = f"{value:g}" if isinstance(value, float) else str(value)
    return values


# --- beside each field: its limit and its live verdict ------------------------------------


def _limit_for(item: Mapping[str, Any], section: float | None) -> Mapping[str, Any] | None:
    limits = item.get("limits") or []
    for limit in limits:
        if section is None or limit.get("section_mm2") in (section, None):
            return limit  # type: ignore[no-any-return]
    return None


def limit_text(item: Mapping[str, Any], section: float | None, unit: str) -> str:
    """`≤ 7.41`, `≥ 0.62`, `3.2 – 3.9` for the section (no limit: the requirement text)."""
    limit = _limit_for(item, section)
    if limit is None:
        text = item.get("requirement_en") if engine_lang() == "en" else item.get("requirement")
        return str(text or "")
    value, upper = f"{limit['value']:g}", limit.get("upper")
    if upper is not None:
        return f"{value} – {upper:g} {unit}".strip()
    if item.get("kind") in BAND_KINDS:
        return f"±{value} {unit}".strip()
    sign = "≤" if item.get("kind") in CEILING_KINDS else "≥"
    return f"{sign} {value} {unit}".strip()


@dataclass(frozen=True)
class Row:
    """One input of the entry form with everything shown beside it."""

    field: EntryField
    value: str
    error: str
    nominal: str
    limits: list[str]
    verdicts: list[tuple[str, str, str]]  # (item name, result, result in words)
    measured_20c: str
    index: int = 0  # the ids of what a live check replaces beside the field

    @property
    def eid(self) -> str:
        return f"e-{self.index}"

    @property
    def vid(self) -> str:
        return f"v-{self.index}"


def _result_for(item: Mapping[str, Any], section: float | None) -> str:
    for element in item.get("elements") or []:
        if element.get("section_mm2") == section:
            return str(element.get("result", "not_tested"))
    return str(item.get("result", "not_tested"))


def rows(
    fields: list[EntryField],
    items: list[dict[str, Any]],
    entry: Entry,
    verdict: Mapping[str, Any] | None,
) -> list[Row]:
    by_name = {i["item"]: i for i in items}
    judged = {i["item"]: i for i in (verdict or {}).get("items", [])}
    out: list[Row] = []
    for index, f in enumerate(fields, start=1):
        fed = [by_name[n] for n in f.items if n in by_name]
        nominal = ""
        for i in items:
            if i["measurement"] == f.measurement and i.get("kind") == "mean_thickness":
                limit = _limit_for(i, f.section)
                if limit is not None and f.part in ("mean", "min"):
                    nominal = f"{limit['value']:g} {f.unit}"
        verdicts: list[tuple[str, str, str]] = []
        at_20 = ""
        if f.name in entry.values and entry.values[f.name] and f.name not in entry.errors:
            for i in fed:
                found = judged.get(i["item"])
                if found is not None:
                    result = _result_for(found, f.section)
                    if result == "not_tested":
                        continue  # not judged yet (another reading of it is missing or refused)
                    verdicts.append((item_name(i["item"]), result, result_word(result)))
                    if f.part == "value" and found.get("value_20c") is not None:
                        element = next(
                            (
                                e
                                for e in found.get("elements") or []
                                if e.get("section_mm2") == f.section
                            ),
                            found,
                        )
                        if element.get("value_20c") is not None:
                            at_20 = f"{element['value_20c']:g}"
        out.append(
            Row(
                field=f,
                value=entry.values.get(f.name, ""),
                error=entry.errors.get(f.name, ""),
                nominal=nominal,
                limits=[limit_text(i, f.section, f.unit) for i in fed],
                verdicts=verdicts,
                measured_20c=at_20,
                index=index,
            )
        )
    return out


RESULT_WORDS = {
    "pass": gettext_lazy("pass"),
    "fail": gettext_lazy("fail"),
    "not_tested": gettext_lazy("not tested"),
    "incomplete": gettext_lazy("incomplete"),
    "error": gettext_lazy("no verdict"),
}


def result_word(result: object) -> str:
    return str(RESULT_WORDS.get(str(result), str(result)))


@dataclass(frozen=True)
class HandRow:
    """An item the engine cannot judge, with the analyst's judgement as typed."""

    item: str
    name: str
    missing: str
    inputs: dict[str, tuple[str, str, str, str]]  # part -> (input name, value, problem, id)
    verdicts: list[tuple[str, str, str]]
    index: int

    @property
    def vid(self) -> str:
        return f"vh-{self.index}"


def hand_rows(
    hand: list[dict[str, Any]], entry: Entry, verdict: Mapping[str, Any] | None
) -> list[HandRow]:
    judged = {i["item"]: i for i in (verdict or {}).get("items", [])}
    out = []
    for index, item in enumerate(hand, start=1):
        key = str(item["item"])
        inputs = {}
        for part in HAND_PARTS:
            name = hand_name(key, part)
            problem = entry.errors.get(name, "")
            inputs[part] = (name, entry.values.get(name, ""), problem, f"eh-{index}-{part}")
        found = judged.get(key) or {}
        verdicts = []
        if found.get("judged_by") == "hand":
            result = str(found.get("result", ""))
            verdicts.append(
                (_("judged by hand"), result, f"{result_word(result)} · {_('judged by hand')}")
            )
        out.append(
            HandRow(
                item=key,
                name=item_name(key),
                missing=str(item.get("missing_standard") or ""),
                inputs=inputs,
                verdicts=verdicts,
                index=index,
            )
        )
    return out
