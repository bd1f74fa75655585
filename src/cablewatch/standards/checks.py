"""Item checks of a precompiled plan (plan.py): one required item each, output pre-encoded.

A check judges one item of measurements that shapes.accept took, with the rules of
judge.py, and writes the item's JSON text as json.dumps(..., ensure_ascii=False) would:
the fixed text (item, requirement texts, clause, limits) is encoded once, per sample
only the numbers are formatted, with ``float.__repr__`` as json.dumps does.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable

from .judge import _item_output, _Judgement, _limit_for, round_mean_thickness
from .measurements import Validated
from .model import Designation
from .resistance import correction_factor
from .rules import ItemKind, ItemSpec, Limit
from .severity import SeverityScheme
from .shapes import Accepted, Reading

encode = json.JSONEncoder(ensure_ascii=False).encode
_repr = float.__repr__
_INF = float("inf")
_MAX_FACTORS = 4096
# item status, besides passing (0)
FAIL, UNJUDGED, INCOMPLETE = 1, 2, 3
Checked = tuple[str, int]
# a limit pre-encoded: value, upper (inf when none), their JSON texts, the "limits" extra
Bound = tuple[float, float, str, str, str]
# a judged reading: passed, measured, limit, limit JSON text, extra JSON text, graded value
Judged = tuple[bool, float, float, str, str, float]


def number_text(value: float) -> str:
    """A float as json.dumps writes it (NaN and the infinities included)."""
    return _repr(value) if -_INF < value < _INF else encode(value)


def _pair(key: str, value: object) -> str:
    return f", {encode(key)}: {encode(value)}"


def _status(judgement: _Judgement) -> int:
    if judgement.failed:
        return FAIL
    if judgement.unjudged:
        return UNJUDGED
    return INCOMPLETE if judgement.incomplete else 0


class PassFailCheck:
    """A lab pass/fail item: its three possible outputs are made once, by judge.py itself."""

    __slots__ = ("key", "variants")

    def __init__(self, spec: ItemSpec, designation: Designation, lang: str, scheme: SeverityScheme):
        self.key = spec.item
        self.variants: dict[str | None, Checked] = {}
        for outcome in (None, "pass", "fail"):
            judgement = _Judgement(designation, lang, scheme)
            judgement.pass_fail(spec, Validated(outcomes={spec.item: outcome} if outcome else {}))
            self.variants[outcome] = (encode(judgement.items[0]), _status(judgement))

    def check(self, data: Accepted) -> Checked:
        return self.variants[data.outcomes.get(self.key)]


def _bound(limit: Limit | None) -> Bound | None:
    if limit is None:
        return None
    upper = _INF if limit.upper is None else limit.upper
    extra = _pair("limits", [limit.value, limit.upper])
    return limit.value, upper, number_text(limit.value), number_text(upper), extra


def _grader(item: str, scheme: SeverityScheme, material: str) -> Callable[[float, float], str]:
    grading = dict(scheme.items).get(item)
    if grading is None:
        default = encode(scheme.default.value)
        return lambda graded, limit: default
    return lambda graded, limit: encode(grading.grade(graded, limit, material).value)


class MeasuredCheck(ABC):
    """An item judged on numbers; subclasses say how one reading is judged."""

    __slots__ = (
        "by_section",
        "element_heads",
        "field",
        "grade",
        "heads",
        "limit_count",
        "material",
        "measurement",
        "missing",
        "tail",
        "untested",
        "whole",
    )

    def __init__(self, spec: ItemSpec, designation: Designation, lang: str, scheme: SeverityScheme):
        self.field = spec.field or "value"
        self.measurement = spec.measurement
        self.whole = _bound(_limit_for(spec, None))
        self.by_section = {s: _bound(_limit_for(spec, s)) for s in designation.sections_mm2}
        self.element_heads = {
            s: f'{{"section_mm2": {_repr(s)}, "result": "' for s in designation.sections_mm2
        }
        self.limit_count = len(spec.limits)
        self.missing = spec.missing_standard is not None
        self.material = designation.conductor_material
        self.grade = _grader(spec.item, scheme, self.material.value)
        self.heads = {
            result: f'{{"item": {encode(spec.item)}, "result": "{result}", "severity": '
            for result in ("pass", "fail", "not_tested")
        }
        fixed = _item_output(spec, lang, "not_tested")
        self.tail = "".join(_pair(k, fixed[k]) for k in ("requirement", "requirement_en", "clause"))
        self.untested = (
            f'{self.heads["not_tested"]}null, "measured": null, "limit": null{self.tail}}}',
            UNJUDGED if self.missing else INCOMPLETE,
        )

    @abstractmethod
    def judge(self, value: float, values: dict[str, float], bound: Bound) -> Judged:
        """Each kind of measured item compares its own way."""

    def check(self, data: Accepted) -> Checked:
        got = data.readings.get(self.measurement)
        if got is None:
            return self.untested
        if type(got) is dict:
            value = got.get(self.field)
            if value is None or self.whole is None:
                return self.untested
            return self._text(self.judge(value, got, self.whole), self.limit_count == 1, "")
        return self._listed(got)  # type: ignore[arg-type]

    def _listed(self, readings: list[Reading]) -> Checked:
        decisive: Judged | None = None
        first: Judged | None = None
        elements: list[str] = []
        for section, values in readings:
            value = values.get(self.field)
            bound = self.by_section[section]  # type: ignore[index]
            if value is None or bound is None:
                continue
            one = self.judge(value, values, bound)
            first = first or one
            if decisive is None and not one[0]:
                decisive = one
            elements.append(
                f"{self.element_heads[section]}{'pass' if one[0] else 'fail'}"  # type: ignore[index]
                f'", "measured": {_repr(value)}, "limit": {one[3]}{one[4]}}}'
            )
        if first is None:
            return self.untested
        complete = len(elements) == self.limit_count
        return self._text(decisive or first, complete, f', "elements": [{", ".join(elements)}]')

    def _text(self, judged: Judged, complete: bool, elements: str) -> Checked:
        passed, measured, limit, limit_text, extra, graded = judged
        severity = "null"
        if not passed:
            result, status = "fail", FAIL
            severity = self.grade(graded, limit)
        elif self.missing:
            result, status = "not_tested", UNJUDGED
        elif not complete:
            result, status = "not_tested", INCOMPLETE
        else:
            result, status = "pass", 0
        return (
            f'{self.heads[result]}{severity}, "measured": {_repr(measured)}, '
            f'"limit": {limit_text}{self.tail}{extra}{elements}}}'
        ), status


class _Resistance(MeasuredCheck):
    """Resistance: corrected to 20 °C by a factor cached per temperature."""

    __slots__ = ("factors",)

    def __init__(self, spec: ItemSpec, designation: Designation, lang: str, scheme: SeverityScheme):
        super().__init__(spec, designation, lang, scheme)
        self.factors: dict[float, float] = {}

    def judge(self, value: float, values: dict[str, float], bound: Bound) -> Judged:
        temperature = values.get("temperature_c", 20.0)
        factor = self.factors.get(temperature)
        if factor is None:
            if len(self.factors) >= _MAX_FACTORS:
                self.factors.clear()
            factor = self.factors[temperature] = correction_factor(temperature, self.material)
        at_20 = value * factor
        extra = ', "value_20c": ' + number_text(float(f"{at_20:.4g}"))  # judge.significant
        return at_20 <= bound[0], value, bound[0], bound[2], extra, at_20


class _MeanThickness(MeasuredCheck):
    __slots__ = ()

    def judge(self, value: float, values: dict[str, float], bound: Bound) -> Judged:
        rounded = round_mean_thickness(value)
        extra = ', "value_rounded": ' + _repr(rounded)
        return rounded >= bound[0], value, bound[0], bound[2], extra, rounded


class _AtLeast(MeasuredCheck):
    __slots__ = ()

    def judge(self, value: float, values: dict[str, float], bound: Bound) -> Judged:
        return value >= bound[0], value, bound[0], bound[2], "", value


class _Range(MeasuredCheck):
    """Within lower-upper; the limit reported is the bound the reading was nearer to."""

    __slots__ = ()

    def judge(self, value: float, values: dict[str, float], bound: Bound) -> Judged:
        lower, upper = bound[0], bound[1]
        passed = lower <= value <= upper
        if value < (lower + upper) / 2:
            return passed, value, lower, bound[2], bound[4], value
        return passed, value, upper, bound[3], bound[4], value


_KINDS: dict[ItemKind, type[MeasuredCheck]] = {
    ItemKind.RESISTANCE: _Resistance,
    ItemKind.MEAN_THICKNESS: _MeanThickness,
    ItemKind.AT_LEAST: _AtLeast,
    ItemKind.RANGE: _Range,
}


def make_check(
    spec: ItemSpec, designation: Designation, lang: str, scheme: SeverityScheme
) -> Callable[[Accepted], Checked]:
    """The check of one required item, as a function of the accepted measurements."""
    kind = PassFailCheck if spec.kind is ItemKind.PASS_FAIL else _KINDS[spec.kind]
    return kind(spec, designation, lang, scheme).check
