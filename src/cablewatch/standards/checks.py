"""The rules: each kind of comparison written once, and how an item's status is decided.

A ``Rule`` compares one reading with one ``Limit`` and says whether it passes, which
limit it is reported against, the extra output values (``value_20c``, ...) and the value
its severity is graded on. ``ItemCheck`` applies a rule to every reading of a required
item and decides the item's status; ``sample_verdict`` decides the sample's. judge() and
the batch both run these (through plan.py); only the way the result is written differs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from .measurements import OUTCOME, SHAPES, Readings
from .model import ConductorMaterial
from .resistance import FORMULA, factor_for
from .rules import ItemKind, ItemSpec, Limit

_TENTH = Decimal("0.1")
_repr = float.__repr__
json_text = json.JSONEncoder(ensure_ascii=False).encode
_INF = float("inf")
_MAX_FACTORS = 4096
_RANGE_TEXTS: dict[tuple[object, ...], str] = {}

# item status
PASS, FAIL, UNJUDGED, INCOMPLETE = 0, 1, 2, 3
RESULT_WORDS = {PASS: "pass", FAIL: "fail", UNJUDGED: "not_tested", INCOMPLETE: "not_tested"}

Extras = tuple[object, ...]
# a judged reading: passed, the limit it is reported against, the values of the rule's
# extra output keys (Rule.extra_keys), the value graded
Outcome = tuple[bool, float, Extras, float]
# one judged element of a per-section list: section, passed, measured, limit, extras
Element = tuple[float | None, bool, float, float, Extras]


@lru_cache(maxsize=8192)
def round_mean_thickness(value: float) -> float:
    """Mean thickness rounded to 0.1 mm, half up (1.74 -> 1.7, 1.75 -> 1.8).

    Decimal of the shortest repr is the number the lab wrote, so 1.75 stays 1.75 and
    is not the binary 1.7499999... that float rounding would see.
    """
    return float(Decimal(repr(value)).quantize(_TENTH, rounding=ROUND_HALF_UP))


def significant(value: float, digits: int = 4) -> float:
    """For display only: verdicts use the unrounded value."""
    return float(f"{value:.{digits}g}")


class Rule:
    """value ≥ limit (smallest reading, tensile strength, elongation, ...)."""

    __slots__ = ()
    kind = ItemKind.AT_LEAST
    extra_keys: tuple[str, ...] = ()  # output keys the rule adds to the item, in order

    def extras_text(self, extras: Extras) -> str:
        """The extra keys and values as JSON text (', "key": value' each)."""
        return "".join(
            f", {json_text(k)}: {json_text(v)}"
            for k, v in zip(self.extra_keys, extras, strict=False)
        )

    def evaluate(self, value: float, values: Mapping[str, float], limit: Limit) -> Outcome:
        return value >= limit.value, limit.value, (), value


class AtMost(Rule):
    """value ≤ limit (hot set, shrinkage, loss of mass, wire diameter)."""

    __slots__ = ()
    kind = ItemKind.AT_MOST

    def evaluate(self, value: float, values: Mapping[str, float], limit: Limit) -> Outcome:
        return value <= limit.value, limit.value, (), value


class Within(Rule):
    """|value| ≤ limit: a variation after ageing, in % either way."""

    __slots__ = ()
    kind = ItemKind.WITHIN

    def evaluate(self, value: float, values: Mapping[str, float], limit: Limit) -> Outcome:
        return abs(value) <= limit.value, limit.value, (), abs(value)


class MeanThickness(Rule):
    """The mean rounded to 0.1 mm half-up ≥ the nominal; graded on the rounded mean."""

    __slots__ = ()
    kind = ItemKind.MEAN_THICKNESS
    extra_keys = ("value_rounded",)

    def extras_text(self, extras: Extras) -> str:
        return f', "value_rounded": {_repr(extras[0])}'

    def evaluate(self, value: float, values: Mapping[str, float], limit: Limit) -> Outcome:
        rounded = round_mean_thickness(value)
        return rounded >= limit.value, limit.value, (rounded,), rounded


class Range(Rule):
    """lower ≤ value ≤ upper; reported against the bound the reading was nearer to."""

    __slots__ = ()
    kind = ItemKind.RANGE
    extra_keys = ("limits",)

    def extras_text(self, extras: Extras) -> str:
        key: tuple[object, ...] = tuple(extras[0])  # type: ignore[arg-type]
        text = _RANGE_TEXTS.get(key)
        if text is None:
            text = f', "limits": {json_text(extras[0])}'
            if len(_RANGE_TEXTS) < _MAX_FACTORS:
                _RANGE_TEXTS[key] = text
        return text

    def evaluate(self, value: float, values: Mapping[str, float], limit: Limit) -> Outcome:
        lower = limit.value
        upper = _INF if limit.upper is None else limit.upper
        nearer = lower if value < (lower + upper) / 2 else upper
        return lower <= value <= upper, nearer, ([lower, limit.upper],), value


class Resistance(Rule):
    """The reading corrected to 20 °C (by the named method) ≤ the limit; graded on R20."""

    __slots__ = ("factors", "material", "method")
    kind = ItemKind.RESISTANCE
    extra_keys = ("value_20c", "correction")

    def __init__(self, material: ConductorMaterial, method: str = FORMULA) -> None:
        self.material = material
        self.method = method
        self.factors: dict[float, float] = {}

    def factor(self, temperature: float) -> float:
        found = self.factors.get(temperature)
        if found is None:
            if len(self.factors) >= _MAX_FACTORS:
                self.factors.clear()
            found = self.factors[temperature] = factor_for(self.method, temperature, self.material)
        return found

    def extras_text(self, extras: Extras) -> str:
        at_20 = extras[0]
        number = _repr(at_20) if -_INF < at_20 < _INF else json_text(at_20)  # type: ignore[operator]
        return f', "value_20c": {number}, "correction": "{self.method}"'

    def evaluate(self, value: float, values: Mapping[str, float], limit: Limit) -> Outcome:
        at_20 = value * self.factor(values.get("temperature_c", 20.0))
        shown = float(f"{at_20:.4g}")  # significant(at_20): for display only
        return at_20 <= limit.value, limit.value, (shown, self.method), at_20


_RULES: dict[ItemKind, Rule] = {
    ItemKind.AT_LEAST: Rule(),
    ItemKind.AT_MOST: AtMost(),
    ItemKind.WITHIN: Within(),
    ItemKind.MEAN_THICKNESS: MeanThickness(),
    ItemKind.RANGE: Range(),
}


def rule_for(kind: ItemKind, material: ConductorMaterial, correction: str = FORMULA) -> Rule:
    """The rule of a measured kind (a resistance rule knows its material and method)."""
    if kind is ItemKind.RESISTANCE:
        return Resistance(material, correction)
    return _RULES[kind]


# An item's result: status, measured value, limit, extras, graded value, the elements of a
# per-section list (else None) and the manual judgement (else None).
Judged = tuple[int, object, float | None, Extras, float | None, list[Element] | None, object]
STATUS, MEASURED, LIMIT, EXTRAS, GRADED, ELEMENTS, HAND = range(7)


def judged(status: int, measured: object = None) -> Judged:
    """A result with no reading judged against a limit."""
    return (status, measured, None, (), None, None, None)


class ItemCheck:
    """One required item: its spec, its rule, and how its readings decide its status.

    - any reading fails → FAIL (also for a floor-only item: below the floor is a fail);
    - else measured but its requirement is not encoded → UNJUDGED (the sample's error);
    - else not measured, or not every section measured → INCOMPLETE;
    - else PASS.
    """

    __slots__ = (
        "by_section",
        "constants",
        "field",
        "incomplete_empty",
        "limit_count",
        "measurement",
        "missing",
        "not_measured",
        "outcome",
        "outcomes",
        "rule",
        "spec",
        "unjudged_empty",
        "whole",
    )

    def __init__(self, spec: ItemSpec, rule: Rule | None, sections: tuple[float, ...]) -> None:
        self.spec = spec
        self.rule = rule
        self.missing = spec.missing_standard is not None
        self.measurement = spec.measurement
        self.field = spec.field or "value"
        shape = SHAPES.get(self.measurement)
        self.outcome = shape.form is OUTCOME if shape is not None else rule is None
        self.limit_count = len(spec.limits)
        self.not_measured = judged(INCOMPLETE)
        status = {"pass": PASS, "fail": FAIL}
        self.outcomes = {
            word: judged(UNJUDGED if self.missing else status[word], word)
            for word in ("pass", "fail")
        }
        self.unjudged_empty = judged(UNJUDGED)
        self.incomplete_empty = judged(INCOMPLETE)
        # every result without a reading of its own is one of these shared ones
        self.constants = [
            self.not_measured,
            self.unjudged_empty,
            self.incomplete_empty,
            *self.outcomes.values(),
        ]
        self.whole = _limit_for(spec, None)
        self.by_section = {s: _limit_for(spec, s) for s in sections}

    def run(self, readings: Readings) -> Judged:  # noqa: PLR0911 - the hot path, inlined
        if self.outcome:
            outcome = readings.outcomes.get(self.measurement)
            return self.not_measured if outcome is None else self.outcomes[outcome]
        got = readings.values.get(self.measurement)
        if got is None:
            return self.not_measured
        rule = self.rule
        if rule is None:  # a measured item whose requirement is not encoded
            return self._unjudged(got)
        if type(got) is not dict:
            return self._listed(rule, got)  # type: ignore[arg-type]
        value = got.get(self.field)
        if value is None:
            return self.not_measured
        if self.whole is None:
            return self.unjudged_empty if self.missing else self.incomplete_empty
        passed, limit, extras, graded = rule.evaluate(value, got, self.whole)
        if not passed:
            return (FAIL, value, limit, extras, graded, None, None)
        if self.missing:
            return (UNJUDGED, value, limit, extras, graded, None, None)
        status = PASS if self.limit_count == 1 else INCOMPLETE
        return (status, value, limit, extras, graded, None, None)

    def _unjudged(self, got: object) -> Judged:
        field = self.field
        if type(got) is dict:
            value = got.get(field)
            return self.not_measured if value is None else judged(UNJUDGED, value)
        for _, values in got:  # type: ignore[attr-defined]
            if field in values:
                return judged(UNJUDGED, values[field])
        return self.not_measured

    def _status(self, complete: bool) -> int:
        if self.missing:
            return UNJUDGED
        return PASS if complete else INCOMPLETE

    def _listed(self, rule: Rule, readings: list[tuple[float | None, dict[str, float]]]) -> Judged:
        field = self.field
        elements: list[Element] = []
        decisive: tuple[Element, float] | None = None
        first: tuple[Element, float] | None = None
        measured = False
        for section, values in readings:
            value = values.get(field)
            if value is None:
                continue
            measured = True
            limit = self.by_section.get(section)  # type: ignore[arg-type]
            if limit is None:
                continue
            passed, reported, extras, graded = rule.evaluate(value, values, limit)
            element = (section, passed, value, reported, extras)
            elements.append(element)
            if first is None:
                first = (element, graded)
            if decisive is None and not passed:
                decisive = (element, graded)
        if first is None:
            return self.unjudged_empty if self.missing and measured else self.incomplete_empty
        (_, passed, value, reported, extras), graded = decisive or first
        status = FAIL if not passed else self._status(len(elements) == self.limit_count)
        return (status, value, reported, extras, graded, elements, None)


def _limit_for(spec: ItemSpec, section: float | None) -> Limit | None:
    if section is None:
        return spec.limits[0] if len(spec.limits) == 1 else None
    for limit in spec.limits:
        if limit.section_mm2 in (section, None):
            return limit
    return None


def hand_judged(result: Judged, manual: Mapping[str, str]) -> Judged:
    """A not-encoded item judged by the analyst against a named clause.

    An engine fail (a floor-only item below its floor) stands; otherwise the hand's
    pass or fail is the item's result.
    """
    if result[STATUS] == FAIL:
        return result
    status = PASS if manual["result"] == "pass" else FAIL
    _, measured, limit, extras, graded, elements, _ = result
    return (status, measured, limit, extras, graded, elements, manual)


def sample_verdict(statuses: list[object], bad_input: bool) -> str:
    """fail if any item fails; else error if an item cannot be judged or the input is bad;
    else incomplete if any required item is missing; else pass."""
    if FAIL in statuses:
        return "fail"
    if bad_input or UNJUDGED in statuses:
        return "error"
    if INCOMPLETE in statuses:
        return "incomplete"
    return "pass"
