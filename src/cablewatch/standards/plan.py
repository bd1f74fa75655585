"""Compiled verdict plans: the judgement of one designation, built once, run per sample.

A plan is compiled once per (designation text, lang, severity scheme, sample options):
the parsed designation, its required items (by the rule edition) each with its rule
(checks.py) and limits, and every fixed piece of the output already encoded. Per sample
the plan reads the measurements (measurements.py), runs each item's check, and writes the
result either as a dict (judge()) or as JSON text (the batch): the same judgement, two
ways of writing it. ``as_text`` gives byte for byte json.dumps(as_dict(...),
ensure_ascii=False); tests/unit/standards/test_fast_path.py checks it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from .checks import (
    FAIL,
    INCOMPLETE,
    PASS,
    RESULT_WORDS,
    UNJUDGED,
    ItemCheck,
    Judged,
    hand_judged,
    rule_for,
    sample_verdict,
)
from .designation import parse_designation
from .errors import DesignationError
from .measurements import Readings, read_measurements
from .model import Designation
from .resistance import FORMULA
from .rules import ItemKind, ItemSpec, default_rule
from .severity import SeverityScheme
from .worklist import build_items

encode = json.JSONEncoder(ensure_ascii=False).encode
_repr = float.__repr__
_INF = float("inf")


def number_text(value: float) -> str:
    """A float as json.dumps writes it (NaN and the infinities included)."""
    return _repr(value) if -_INF < value < _INF else encode(value)


def value_text(value: object) -> str:
    if type(value) is float:
        return number_text(value)
    return encode(value)


def pick(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def not_encoded_text(spec: ItemSpec, lang: str) -> str:
    standard = spec.missing_standard or ""
    return pick(
        lang,
        f"{spec.item}: 要求表未编码: {standard}",
        f"{spec.item}: requirement table not encoded: {standard}",
    )


@dataclass(frozen=True, slots=True)
class Options:
    """What a sample may say besides its measurements (each changes the requirements)."""

    conductor_class: int | None = None
    coating: str = "plain"
    correction: str = FORMULA
    rule: str = ""

    @property
    def edition(self) -> str:
        return self.rule or default_rule()


class ItemWriter:
    """The fixed text of one item, and how its result is written as a dict or as text."""

    __slots__ = (
        "default",
        "element_heads",
        "fixed",
        "grading",
        "heads",
        "item",
        "material",
        "tail",
    )

    def __init__(
        self, spec: ItemSpec, lang: str, scheme: SeverityScheme, designation: Designation
    ) -> None:
        self.item = spec.item
        requirement = spec.requirement_en if lang == "en" else spec.requirement
        self.fixed = (
            ("requirement", requirement),
            ("requirement_en", spec.requirement_en),
            ("clause", spec.clause),
        )
        self.tail = "".join(f", {encode(k)}: {encode(v)}" for k, v in self.fixed)
        self.heads = {
            word: f'{{"item": {encode(spec.item)}, "result": "{word}", "severity": '
            for word in ("pass", "fail", "not_tested")
        }
        self.element_heads = {
            s: f'{{"section_mm2": {_repr(s)}, "result": "' for s in designation.sections_mm2
        }
        self.grading = dict(scheme.items).get(spec.item)
        self.default = scheme.default.value
        self.material = designation.conductor_material.value

    def severity(self, judged: Judged) -> str | None:
        if judged.status != FAIL:
            return None
        if self.grading is None:
            return self.default
        graded = None if judged.hand is not None else judged.graded
        limit = None if judged.hand is not None else judged.limit
        return self.grading.grade(graded, limit, self.material).value

    def as_dict(self, judged: Judged) -> dict[str, object]:
        out: dict[str, object] = {
            "item": self.item,
            "result": RESULT_WORDS[judged.status],
            "severity": self.severity(judged),
            "measured": judged.measured,
            "limit": judged.limit,
        }
        out.update(self.fixed)
        out.update(judged.extras)
        if judged.hand is not None:
            out["judged_by"] = "hand"
            out["manual"] = dict(judged.hand)
        if judged.elements is not None:
            out["elements"] = [
                {
                    "section_mm2": section,
                    "result": "pass" if passed else "fail",
                    "measured": measured,
                    "limit": limit,
                    **dict(extras),
                }
                for section, passed, measured, limit, extras in judged.elements
            ]
        return out

    def as_text(self, judged: Judged) -> str:
        severity = self.severity(judged)
        measured = judged.measured
        limit = judged.limit
        parts = [
            self.heads[RESULT_WORDS[judged.status]],
            "null" if severity is None else f'"{severity}"',
            ', "measured": ',
            "null" if measured is None else value_text(measured),
            ', "limit": ',
            "null" if limit is None else number_text(limit),
            self.tail,
        ]
        for key, value in judged.extras:
            parts.append(f', "{key}": {value_text(value)}')
        if judged.hand is not None:
            parts.append(f', "judged_by": "hand", "manual": {encode(dict(judged.hand))}')
        if judged.elements is not None:
            heads = self.element_heads
            texts = []
            for section, passed, value, bound, extras in judged.elements:
                more = "".join([f', "{k}": {value_text(v)}' for k, v in extras])
                texts.append(
                    f"{heads[section]}{'pass' if passed else 'fail'}"  # type: ignore[index]
                    f'", "measured": {_repr(value)}, "limit": {number_text(bound)}{more}}}'
                )
            parts.append(f', "elements": [{", ".join(texts)}]')
        parts.append("}")
        return "".join(parts)


class Plan:
    """One designation's items, rules and fixed output, for one lang, scheme and options."""

    __slots__ = (
        "checks",
        "designation",
        "designation_text",
        "errors",
        "lang",
        "names",
        "options",
        "rule_text",
        "sections",
        "specs",
        "writers",
    )

    def __init__(
        self, designation: Designation, lang: str, scheme: SeverityScheme, options: Options
    ) -> None:
        if options.conductor_class is not None:
            designation = replace(designation, conductor_class=options.conductor_class)
        self.designation = designation
        self.lang = lang
        self.options = options
        self.sections = designation.sections_mm2
        self.designation_text = encode(designation.to_json())
        self.rule_text = encode(options.edition)
        material = designation.conductor_material
        self.specs = build_items(designation, rule=options.edition, coating=options.coating)
        self.checks = [
            ItemCheck(
                spec,
                None
                if spec.kind is ItemKind.PASS_FAIL
                or spec.missing_standard is not None
                and not spec.bound_only
                else rule_for(spec.kind, material, options.correction),
                self.sections,
            )
            for spec in self.specs
        ]
        self.writers = [ItemWriter(spec, lang, scheme, designation) for spec in self.specs]
        self.names = [encode(spec.item) for spec in self.specs]
        self.errors = [not_encoded_text(spec, lang) for spec in self.specs]

    def judge(
        self, measurements: object, manual: Mapping[str, Mapping[str, str]] | None = None
    ) -> tuple[Readings, list[Judged]]:
        readings = read_measurements(measurements, self.sections)
        judged = [check.run(readings) for check in self.checks]
        if manual:
            for index, spec in enumerate(self.specs):
                entry = manual.get(spec.item)
                if entry is not None:
                    judged[index] = hand_judged(judged[index], entry)
        return readings, judged

    def problem_texts(self, readings: Readings) -> list[str]:
        lang = self.lang
        return [f"{path}: {pick(lang, zh, en)}" for path, zh, en in readings.problems]

    def as_dict(
        self, sample_id: object, judged: list[Judged], problems: list[str]
    ) -> dict[str, object]:
        statuses = [j.status for j in judged]
        return {
            "id": sample_id,
            "designation": self.designation.to_json(),
            "verdict": sample_verdict(statuses, bool(problems)),
            "items": [w.as_dict(j) for w, j in zip(self.writers, judged, strict=True)],
            "failed": [s.item for s, j in zip(self.specs, judged, strict=True) if j.status == FAIL],
            "errors": problems
            + [e for e, j in zip(self.errors, judged, strict=True) if j.status == UNJUDGED],
            "rule": self.options.edition,
        }

    def as_text(self, id_text: str, judged: list[Judged], problems: list[str]) -> tuple[str, bool]:
        """The verdict's JSON line (newline included) and whether it is not an error."""
        statuses = [j.status for j in judged]
        verdict = sample_verdict(statuses, bool(problems))
        items = ", ".join([w.as_text(j) for w, j in zip(self.writers, judged, strict=True)])
        failed = errors = ""
        if FAIL in statuses:
            failed = ", ".join([n for n, s in zip(self.names, statuses, strict=True) if s == FAIL])
        texts = [*problems]
        if UNJUDGED in statuses:
            texts += [e for e, s in zip(self.errors, statuses, strict=True) if s == UNJUDGED]
        if texts:
            errors = ", ".join([encode(t) for t in texts])
        return (
            f'{{"id": {id_text}, "designation": {self.designation_text}, "verdict": "{verdict}", '
            f'"items": [{items}], "failed": [{failed}], "errors": [{errors}], '
            f'"rule": {self.rule_text}}}\n'
        ), verdict != "error"


@lru_cache(maxsize=1024)
def _parsed(text: str) -> Designation | DesignationError:
    try:
        return parse_designation(text)
    except DesignationError as exc:
        return exc


def parsed_designation(text: str) -> Designation | DesignationError:
    """The designation of a text, or its parse error (cached)."""
    return _parsed(text)


@lru_cache(maxsize=2048)
def compile_plan(text: str, lang: str, scheme: SeverityScheme, options: Options) -> Plan | None:
    """The plan of a designation text, or None when it does not parse."""
    designation = _parsed(text)
    if isinstance(designation, DesignationError):
        return None
    return Plan(designation, lang, scheme, options)


__all__ = ["INCOMPLETE", "PASS", "Options", "Plan", "compile_plan", "encode", "number_text"]
