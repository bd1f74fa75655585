"""The verdict on one sample, as the national spot-check rules judge (reference §5.4)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from .designation import parse_designation
from .errors import DesignationError
from .measurements import Reading, Validated, validate_measurements
from .model import ConductorMaterial, Designation
from .resistance import correction_factor
from .rules import ItemKind, ItemSpec, Limit
from .severity import SeverityScheme, default_scheme
from .worklist import build_items

_TENTH = Decimal("0.1")
_SAMPLE_KEYS = frozenset(("id", "designation", "measurements"))


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


@lru_cache(maxsize=4096)
def _parsed(text: str) -> Designation | DesignationError:
    try:
        return parse_designation(text)
    except DesignationError as exc:
        return exc


@dataclass(slots=True)
class _Element:
    """One judged reading of an item."""

    section: float | None
    passed: bool
    measured: float
    limit: float
    extra: dict[str, object] | None = None
    # the value the severity is graded on: R20 or the rounded mean (None: the reading)
    graded: float | None = None

    @property
    def graded_value(self) -> float:
        return self.measured if self.graded is None else self.graded


def _limit_for(spec: ItemSpec, section: float | None) -> Limit | None:
    if section is None:
        return spec.limits[0] if len(spec.limits) == 1 else None
    for limit in spec.limits:
        if limit.section_mm2 in (section, None):
            return limit
    return None


@lru_cache(maxsize=4096)
def _factor(temperature: float, material: ConductorMaterial) -> float:
    return correction_factor(temperature, material)


def _judge_reading(
    spec: ItemSpec, reading: Reading, material: ConductorMaterial
) -> _Element | None:
    limit = _limit_for(spec, reading.section_mm2)
    value = reading.values.get(spec.field or "value")
    if limit is None or value is None:
        return None
    section = reading.section_mm2
    if spec.kind is ItemKind.RESISTANCE:
        at_20 = value * _factor(reading.values.get("temperature_c", 20.0), material)
        return _Element(
            section,
            passed=at_20 <= limit.value,
            measured=value,
            limit=limit.value,
            extra={"value_20c": significant(at_20)},
            graded=at_20,
        )
    if spec.kind is ItemKind.MEAN_THICKNESS:
        rounded = round_mean_thickness(value)
        return _Element(
            section,
            passed=rounded >= limit.value,
            measured=value,
            limit=limit.value,
            extra={"value_rounded": rounded},
            graded=rounded,
        )
    if spec.kind is ItemKind.RANGE:
        return _range_element(section, value, limit)
    return _Element(section, passed=value >= limit.value, measured=value, limit=limit.value)


def _range_element(section: float | None, value: float, limit: Limit) -> _Element:
    upper = limit.upper if limit.upper is not None else float("inf")
    # report the bound the reading was nearer to (the one it broke, when it failed)
    nearer = limit.value if value < (limit.value + upper) / 2 else upper
    return _Element(
        section,
        passed=limit.value <= value <= upper,
        measured=value,
        limit=nearer,
        extra={"limits": [limit.value, limit.upper]},
    )


def _scalar_reading(spec: ItemSpec, data: Validated) -> list[Reading]:
    if spec.item in data.numbers:
        return [Reading(None, {spec.field or "value": data.numbers[spec.item]})]
    return data.readings.get(spec.measurement, [])


class _Texts:
    """Error texts in the requested language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def pick(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def not_encoded(self, spec: ItemSpec) -> str:
        standard = spec.missing_standard or ""
        return self.pick(
            f"{spec.item}: 要求表未编码: {standard}",
            f"{spec.item}: requirement table not encoded: {standard}",
        )


def _item_output(spec: ItemSpec, lang: str, result: str) -> dict[str, object]:
    return {
        "item": spec.item,
        "result": result,
        "severity": None,
        "measured": None,
        "limit": None,
        "requirement": spec.requirement_en if lang == "en" else spec.requirement,
        "requirement_en": spec.requirement_en,
        "clause": spec.clause,
    }


def _element_json(element: _Element) -> dict[str, object]:
    out: dict[str, object] = {
        "section_mm2": element.section,
        "result": "pass" if element.passed else "fail",
        "measured": element.measured,
        "limit": element.limit,
    }
    out.update(element.extra or {})
    return out


class _Judgement:
    """Collects item results and decides the sample verdict."""

    def __init__(self, designation: Designation, lang: str, scheme: SeverityScheme) -> None:
        self.designation = designation
        self.texts = _Texts(lang)
        self.scheme = scheme
        self.items: list[dict[str, object]] = []
        self.failed: list[str] = []
        self.unjudged: list[str] = []
        self.incomplete = False

    def pass_fail(self, spec: ItemSpec, data: Validated) -> None:
        outcome = data.outcomes.get(spec.item)
        item = _item_output(spec, self.texts.lang, outcome or "not_tested")
        item["measured"] = outcome
        if spec.missing_standard is not None:
            item["result"] = "not_tested"
            self.unjudged.append(self.texts.not_encoded(spec))
        elif outcome == "fail":
            item["severity"] = self.scheme.grade(spec.item, None, None, self._material).value
            self.failed.append(spec.item)
        elif outcome is None:
            self.incomplete = True
        self.items.append(item)

    @property
    def _material(self) -> str:
        return self.designation.conductor_material.value

    def measured(self, spec: ItemSpec, data: Validated) -> None:
        readings = _scalar_reading(spec, data)
        material = self.designation.conductor_material
        elements = [e for r in readings if (e := _judge_reading(spec, r, material)) is not None]
        complete = len(elements) == len(spec.limits)
        decisive = next((e for e in elements if not e.passed), elements[0] if elements else None)
        result = self._result(spec, decisive, complete)
        item = _item_output(spec, self.texts.lang, result)
        if decisive is not None:
            item["measured"] = decisive.measured
            item["limit"] = decisive.limit
            item.update(decisive.extra or {})
            if any(r.section_mm2 is not None for r in readings):
                item["elements"] = [_element_json(e) for e in elements]
        if result == "fail" and decisive is not None:
            item["severity"] = self.scheme.grade(
                spec.item, decisive.graded_value, decisive.limit, self._material
            ).value
        self.items.append(item)

    def _result(self, spec: ItemSpec, decisive: _Element | None, complete: bool) -> str:
        if decisive is not None and not decisive.passed:
            self.failed.append(spec.item)
            return "fail"
        if spec.missing_standard is not None:
            self.unjudged.append(self.texts.not_encoded(spec))
            return "not_tested"
        if decisive is None or not complete:
            self.incomplete = True
            return "not_tested"
        return "pass"

    def verdict(self) -> str:
        if self.failed:
            return "fail"
        if self.unjudged:
            return "error"
        return "incomplete" if self.incomplete else "pass"


def _error_output(
    sample_id: object, designation: Designation | None, errors: list[str]
) -> dict[str, object]:
    return {
        "id": sample_id,
        "designation": designation.to_json() if designation else None,
        "verdict": "error",
        "items": [],
        "failed": [],
        "errors": errors,
    }


def _read_header(
    sample: Mapping[str, object], texts: _Texts
) -> tuple[object, Designation | None, list[str]]:
    errors: list[str] = []
    for key in sample:
        if key not in _SAMPLE_KEYS:
            errors.append(texts.pick(f"{key}: 未知字段", f"{key}: unknown field"))
    sample_id = sample.get("id")
    if sample_id is not None and (
        isinstance(sample_id, bool) or not isinstance(sample_id, str | int)
    ):
        errors.append(texts.pick("id: 必须是字符串或整数", "id: must be a string or an integer"))
        sample_id = None
    text = sample.get("designation")
    if not isinstance(text, str):
        errors.append(texts.pick("designation: 必须是字符串", "designation: must be a string"))
        return sample_id, None, errors
    parsed = _parsed(text)
    if isinstance(parsed, DesignationError):
        errors.append("designation: " + parsed.message(texts.lang))
        return sample_id, None, errors
    return sample_id, parsed, errors


def _judge(
    sample: object, lang: str, scheme: SeverityScheme
) -> tuple[dict[str, object], Designation | None]:
    texts = _Texts(lang)
    if not isinstance(sample, Mapping):
        message = texts.pick("样品必须是 JSON 对象", "sample: must be a JSON object")
        return _error_output(None, None, [message]), None
    sample_id, designation, errors = _read_header(sample, texts)
    data = validate_measurements(sample.get("measurements"), designation)
    errors += [f"{path}: {texts.pick(zh, en)}" for path, zh, en in data.problems]
    if errors or designation is None:
        return _error_output(sample_id, designation, errors), designation
    judgement = _Judgement(designation, lang, scheme)
    for spec in build_items(designation):
        if spec.kind is ItemKind.PASS_FAIL:
            judgement.pass_fail(spec, data)
        else:
            judgement.measured(spec, data)
    return {
        "id": sample_id,
        "designation": designation.to_json(),
        "verdict": judgement.verdict(),
        "items": judgement.items,
        "failed": judgement.failed,
        "errors": judgement.unjudged,
    }, designation


def judge_with_designation(
    sample: Mapping[str, object], *, lang: str = "zh", scheme: SeverityScheme | None = None
) -> tuple[dict[str, object], Designation | None]:
    """judge(), also returning the parsed designation (the batch caches its JSON by it)."""
    if lang not in ("zh", "en"):
        return _error_output(None, None, [f"lang: must be 'zh' or 'en', got {lang!r}"]), None
    try:
        return _judge(sample, lang, scheme or default_scheme())
    except Exception as exc:
        message = f"internal error: {type(exc).__name__}: {exc}"
        return _error_output(None, None, [message]), None


def judge(
    sample: Mapping[str, object], *, lang: str = "zh", scheme: SeverityScheme | None = None
) -> dict[str, object]:
    """Judge one sample; returns a JSON-serialisable dict and never raises."""
    return judge_with_designation(sample, lang=lang, scheme=scheme)[0]


@lru_cache(maxsize=4096)
def designation_json(designation: Designation) -> str:
    """The designation's JSON text, encoded once per designation."""
    return json.dumps(designation.to_json(), ensure_ascii=False)
