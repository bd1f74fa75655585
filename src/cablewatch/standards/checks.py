"""The rules: each kind of comparison written once, and how an item's status is decided.

A ``Rule`` compares one reading with one ``Limit`` and says whether it passes, which
limit it is reported against, the extra output values (``value_20c``, ...) and the value
its severity is graded on. ``ItemCheck`` applies a rule to every reading of a required
item and decides the item's status; ``sample_verdict`` decides the sample's. judge() and
the batch both run these (through plan.py); only the way the result is written differs.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from .measurements import OUTCOME, SHAPES, Readings
from .model import ConductorMaterial
from .resistance import FORMULA, factor_for
from .rules import ItemKind, ItemSpec, Limit

_TENTH = Decimal("0.1")
_INF = float("inf")
_MAX_FACTORS = 4096

# item status
PASS, FAIL, UNJUDGED, INCOMPLETE = 0, 1, 2, 3
RESULT_WORDS = {PASS: "pass", FAIL: "fail", UNJUDGED: "not_tested", INCOMPLETE: "not_tested"}

Extras = tuple[tuple[str, object], ...]
# a judged reading: passed, the limit it is reported against, extra output values, graded
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

    def evaluate(self, value: float, values: Mapping[str, float], limit: Limit) -> Outcome:
        rounded = round_mean_thickness(value)
        return rounded >= limit.value, limit.value, (("value_rounded", rounded),), rounded


class Range(Rule):
    """lower ≤ value ≤ upper; reported against the bound the reading was nearer to."""

    __slots__ = ()
    kind = ItemKind.RANGE

    def evaluate(self, value: float, values: Mapping[str, float], limit: Limit) -> Outcome:
        lower = limit.value
        upper = _INF if limit.upper is None else limit.upper
        nearer = lower if value < (lower + upper) / 2 else upper
        return lower <= value <= upper, nearer, (("limits", [lower, limit.upper]),), value


class Resistance(Rule):
    """The reading corrected to 20 °C (by the named method) ≤ the limit; graded on R20."""

    __slots__ = ("factors", "material", "method")
    kind = ItemKind.RESISTANCE

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

    def evaluate(self, value: float, values: Mapping[str, float], limit: Limit) -> Outcome:
        at_20 = value * self.factor(values.get("temperature_c", 20.0))
        extras = (("value_20c", significant(at_20)), ("correction", self.method))
        return at_20 <= limit.value, limit.value, extras, at_20


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


class Judged:
    """An item's result: status, measured value, limit, extras and (for lists) elements."""

    __slots__ = ("elements", "extras", "graded", "hand", "limit", "measured", "status")

    def __init__(
        self,
        status: int,
        measured: object = None,
        limit: float | None = None,
        extras: Extras = (),
        graded: float | None = None,
        elements: list[Element] | None = None,
    ) -> None:
        self.status = status
        self.measured = measured
        self.limit = limit
        self.extras = extras
        self.graded = graded
        self.elements = elements
        self.hand: Mapping[str, str] | None = None


class ItemCheck:
    """One required item: its spec, its rule, and how its readings decide its status.

    - any reading fails → FAIL (also for a floor-only item: below the floor is a fail);
    - else measured but its requirement is not encoded → UNJUDGED (the sample's error);
    - else not measured, or not every section measured → INCOMPLETE;
    - else PASS.
    """

    __slots__ = (
        "by_section",
        "field",
        "limit_count",
        "measurement",
        "missing",
        "outcome",
        "rule",
        "spec",
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
        self.whole = _limit_for(spec, None)
        self.by_section = {s: _limit_for(spec, s) for s in sections}

    def run(self, readings: Readings) -> Judged:
        if self.outcome:
            return self._outcome(readings.outcomes.get(self.measurement))
        got = readings.values.get(self.measurement)
        if got is None:
            return _NOT_MEASURED
        if self.rule is None:  # a measured item whose requirement is not encoded
            return self._unjudged(got)
        if type(got) is dict:
            value = got.get(self.field)
            if value is None:
                return _NOT_MEASURED
            if self.whole is None:
                return Judged(UNJUDGED if self.missing else INCOMPLETE)
            passed, limit, extras, graded = self.rule.evaluate(value, got, self.whole)
            if not passed:
                return Judged(FAIL, value, limit, extras, graded)
            return Judged(self._status(self.limit_count == 1), value, limit, extras, graded)
        return self._listed(got)  # type: ignore[arg-type]

    def _unjudged(self, got: object) -> Judged:
        field = self.field
        if type(got) is dict:
            value = got.get(field)
            return _NOT_MEASURED if value is None else Judged(UNJUDGED, value)
        for _, values in got:  # type: ignore[attr-defined]
            if field in values:
                return Judged(UNJUDGED, values[field])
        return _NOT_MEASURED

    def _status(self, complete: bool) -> int:
        if self.missing:
            return UNJUDGED
        return PASS if complete else INCOMPLETE

    def _outcome(self, outcome: str | None) -> Judged:
        if outcome is None:
            return _NOT_MEASURED
        if self.missing:
            return Judged(UNJUDGED, outcome)
        return Judged(FAIL if outcome == "fail" else PASS, outcome)

    def _listed(self, readings: list[tuple[float | None, dict[str, float]]]) -> Judged:
        rule = self.rule
        assert rule is not None
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
            return Judged(UNJUDGED if self.missing and measured else INCOMPLETE)
        (_, passed, value, reported, extras), graded = decisive or first
        status = FAIL if not passed else self._status(len(elements) == self.limit_count)
        return Judged(status, value, reported, extras, graded, elements)


_NOT_MEASURED = Judged(INCOMPLETE)


def _limit_for(spec: ItemSpec, section: float | None) -> Limit | None:
    if section is None:
        return spec.limits[0] if len(spec.limits) == 1 else None
    for limit in spec.limits:
        if limit.section_mm2 in (section, None):
            return limit
    return None


def hand_judged(judged: Judged, manual: Mapping[str, str]) -> Judged:
    """A not-encoded item judged by the analyst against a named clause.

    An engine fail (a floor-only item below its floor) stands; otherwise the hand's
    pass or fail is the item's result.
    """
    if judged.status == FAIL:
        return judged
    out = Judged(
        PASS if manual["result"] == "pass" else FAIL,
        judged.measured,
        judged.limit,
        judged.extras,
        judged.graded,
        judged.elements,
    )
    out.hand = manual
    return out


def sample_verdict(statuses: list[int], bad_input: bool) -> str:
    """fail if any item fails; else error if an item cannot be judged or the input is bad;
    else incomplete if any required item is missing; else pass."""
    if FAIL in statuses:
        return "fail"
    if bad_input or UNJUDGED in statuses:
        return "error"
    if INCOMPLETE in statuses:
        return "incomplete"
    return "pass"
