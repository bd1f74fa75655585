"""The verdict on one sample, as the national spot-check rules judge (reference §5.4).

This module reads the sample's envelope (id, designation, options, manual judgements)
and hands the measurements to the designation's compiled plan (plan.py), whose rules
(checks.py) decide every item. The batch (batch.py) runs the very same plan and only
writes its result as text instead of a dict.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache

from .checks import Judged, round_mean_thickness, significant
from .errors import DesignationError
from .model import CONDUCTOR_CLASSES, Designation
from .plan import Options, Plan, compile_plan, parsed_designation, pick
from .resistance import CORRECTIONS, FORMULA
from .rules import editions
from .severity import SeverityScheme, default_scheme

SAMPLE_KEYS = frozenset(
    (
        "id",
        "designation",
        "measurements",
        "conductor_class",
        "coating",
        "correction",
        "rule",
        "manual",
    )
)
COATINGS = {"plain": "plain", "tinned": "coated", "coated": "coated"}
_HAND_KEYS = frozenset(("result", "clause", "reason"))
_PLAIN_KEYS = frozenset(("id", "designation", "measurements", "manual"))
DEFAULT_OPTIONS = Options()

__all__ = [
    "SAMPLE_KEYS",
    "Prepared",
    "designation_json",
    "judge",
    "judge_with_designation",
    "prepare",
    "read_sample",
    "round_mean_thickness",
    "significant",
]


def _error_output(
    sample_id: object, designation: Designation | None, errors: list[str], rule: str | None
) -> dict[str, object]:
    return {
        "id": sample_id,
        "designation": designation.to_json() if designation else None,
        "verdict": "error",
        "items": [],
        "failed": [],
        "errors": errors,
        "rule": rule,
    }


def _options(sample: Mapping[str, object], lang: str, errors: list[str]) -> Options | None:
    if sample.keys() <= _PLAIN_KEYS:
        return DEFAULT_OPTIONS
    before = len(errors)
    conductor_class = sample.get("conductor_class")
    if conductor_class is not None and (
        type(conductor_class) is not int or conductor_class not in CONDUCTOR_CLASSES
    ):
        errors.append(
            pick(
                lang,
                "conductor_class: 必须是 1、2、5 或 6",
                "conductor_class: must be 1, 2, 5 or 6",
            )
        )
    coating = sample.get("coating", "plain")
    if coating not in COATINGS:
        errors.append(
            pick(
                lang, 'coating: 必须是 "plain" 或 "tinned"', 'coating: must be "plain" or "tinned"'
            )
        )
    correction = sample.get("correction", FORMULA)
    if correction not in CORRECTIONS:
        errors.append(
            pick(
                lang,
                'correction: 必须是 "formula" 或 "table"',
                'correction: must be "formula" or "table"',
            )
        )
    rule = sample.get("rule")
    if rule is not None and rule not in editions():
        names = ", ".join(editions())
        errors.append(
            pick(
                lang, f"rule: 未知的细则版本 (有: {names})", f"rule: unknown rule edition ({names})"
            )
        )
    if len(errors) > before:
        return None
    if (conductor_class, coating, correction, rule) == (None, "plain", FORMULA, None):
        return DEFAULT_OPTIONS
    return Options(
        conductor_class=conductor_class,  # type: ignore[arg-type]
        coating=COATINGS[coating],  # type: ignore[index]
        correction=correction,  # type: ignore[arg-type]
        rule=rule or "",  # type: ignore[arg-type]
    )


def read_sample(
    sample: Mapping[str, object], lang: str
) -> tuple[object, Designation | None, Options | None, list[str]]:
    """The envelope of a sample: id, designation, options and field-named problems."""
    errors: list[str] = []
    if not sample.keys() <= SAMPLE_KEYS:
        for key in sample:
            if key not in SAMPLE_KEYS:
                errors.append(pick(lang, f"{key}: 未知字段", f"{key}: unknown field"))
    sample_id = sample.get("id")
    if sample_id is not None and type(sample_id) is not str and type(sample_id) is not int:
        errors.append(pick(lang, "id: 必须是字符串或整数", "id: must be a string or an integer"))
        sample_id = None
    options = _options(sample, lang, errors)
    text = sample.get("designation")
    if type(text) is not str:
        errors.append(pick(lang, "designation: 必须是字符串", "designation: must be a string"))
        return sample_id, None, options, errors
    parsed = parsed_designation(text)
    if isinstance(parsed, DesignationError):
        errors.append("designation: " + parsed.message(lang))
        return sample_id, None, options, errors
    return sample_id, parsed, options, errors


def read_manual(raw: object, plan: Plan, lang: str, errors: list[str]) -> dict[str, dict[str, str]]:
    """Valid manual judgements by item; problems (an item the engine judges, ...) named."""
    if raw is None:
        return {}
    if type(raw) is not dict and not isinstance(raw, Mapping):
        errors.append(pick(lang, "manual: 必须是对象", "manual: must be an object"))
        return {}
    specs = {spec.item: spec for spec in plan.specs}
    found: dict[str, dict[str, str]] = {}
    for item, entry in raw.items():
        path = f"manual.{item}"
        spec = specs.get(item)
        if spec is None:
            errors.append(
                pick(
                    lang,
                    f"{path}: 不是此型号按此细则的检验项目",
                    f"{path}: not a required item of this designation under this rule edition",
                )
            )
            continue
        if spec.missing_standard is None:
            errors.append(
                pick(
                    lang,
                    f"{path}: 此项的要求已编码, 由引擎判定, 不接受人工判定",
                    f"{path}: the engine judges this item (its requirement is encoded);"
                    " a manual judgement is refused",
                )
            )
            continue
        hand = _hand_entry(entry, path, lang, errors)
        if hand is not None:
            found[str(item)] = hand
    return found


def _hand_entry(entry: object, path: str, lang: str, errors: list[str]) -> dict[str, str] | None:
    if not isinstance(entry, Mapping):
        errors.append(pick(lang, f"{path}: 必须是对象", f"{path}: must be an object"))
        return None
    before = len(errors)
    for key in entry:
        if key not in _HAND_KEYS:
            errors.append(pick(lang, f"{path}.{key}: 未知字段", f"{path}.{key}: unknown field"))
    if entry.get("result") not in ("pass", "fail"):
        errors.append(
            pick(
                lang,
                f'{path}.result: 必须是 "pass" 或 "fail"',
                f'{path}.result: must be "pass" or "fail"',
            )
        )
    for key in ("clause", "reason"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            errors.append(
                pick(
                    lang,
                    f"{path}.{key}: 必须填写 (非空文字)",
                    f"{path}.{key}: must be a non-empty text",
                )
            )
    if len(errors) > before:
        return None
    return {
        "result": str(entry["result"]),
        "clause": str(entry["clause"]),
        "reason": str(entry["reason"]),
    }


class Prepared:
    """A sample judged by its plan, not yet written: plan, id, item results, problems."""

    __slots__ = ("judged", "plan", "problems", "sample_id")

    def __init__(
        self, plan: Plan, sample_id: object, judged: list[Judged], problems: list[str]
    ) -> None:
        self.plan = plan
        self.sample_id = sample_id
        self.judged = judged
        self.problems = problems


ErrorOutput = tuple[dict[str, object], Designation | None]


def prepare(
    sample: object, lang: str, scheme: SeverityScheme, plans: dict[object, Plan | None] | None
) -> Prepared | ErrorOutput:
    """The judgement of a sample by its plan, or the error output of a bad envelope.

    ``plans`` is the caller's cache of compiled plans (the batch keeps one per stream).
    """
    if type(sample) is not dict and not isinstance(sample, Mapping):
        message = pick(lang, "样品必须是 JSON 对象", "sample: must be a JSON object")
        return _error_output(None, None, [message], None), None
    sample_id, designation, options, errors = read_sample(sample, lang)
    if designation is None or options is None:
        rule = options.edition if options is not None else None
        return _error_output(sample_id, designation, errors, rule), designation
    text = str(sample["designation"])
    if plans is None:
        plan = compile_plan(text, lang, scheme, options)
    else:
        key: object = text if options is DEFAULT_OPTIONS else (text, options)
        plan = plans.get(key)
        if plan is None:
            if len(plans) >= _MAX_PLANS:
                plans.clear()
            plan = plans[key] = compile_plan(text, lang, scheme, options)
    if plan is None:  # pragma: no cover - the designation parsed above
        return _error_output(sample_id, designation, errors, options.edition), designation
    manual = read_manual(sample["manual"], plan, lang, errors) if "manual" in sample else None
    readings, judged = plan.judge(sample.get("measurements"), manual)
    if readings.problems:
        errors += plan.problem_texts(readings)
    return Prepared(plan, sample_id, judged, errors)


_MAX_PLANS = 4096


def _judge(
    sample: object, lang: str, scheme: SeverityScheme
) -> tuple[dict[str, object], Designation | None]:
    prepared = prepare(sample, lang, scheme, None)
    if not isinstance(prepared, Prepared):
        return prepared
    plan = prepared.plan
    return plan.as_dict(prepared.sample_id, prepared.judged, prepared.problems), plan.designation


def judge_with_designation(
    sample: Mapping[str, object], *, lang: str = "zh", scheme: SeverityScheme | None = None
) -> tuple[dict[str, object], Designation | None]:
    """judge(), also returning the designation judged (the batch caches its JSON by it)."""
    if lang not in ("zh", "en"):
        message = f"lang: must be 'zh' or 'en', got {lang!r}"
        return _error_output(None, None, [message], None), None
    try:
        return _judge(sample, lang, scheme or default_scheme())
    except Exception as exc:
        message = f"internal error: {type(exc).__name__}: {exc}"
        return _error_output(None, None, [message], None), None


def judge(
    sample: Mapping[str, object], *, lang: str = "zh", scheme: SeverityScheme | None = None
) -> dict[str, object]:
    """Judge one sample; returns a JSON-serialisable dict and never raises."""
    return judge_with_designation(sample, lang=lang, scheme=scheme)[0]


@lru_cache(maxsize=4096)
def designation_json(designation: Designation) -> str:
    """The designation's JSON text, encoded once per designation."""
    return json.dumps(designation.to_json(), ensure_ascii=False)
