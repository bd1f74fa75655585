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
    Element,
    ItemCheck,
    Judged,
    Rule,
    hand_judged,
    rule_for,
    sample_verdict,
)
from .checks import STATUS as _STATUS
from .designation import parse_designation
from .errors import DesignationError
from .measurements import Readings, read_measurements
from .model import Designation
from .resistance import FORMULA, TABLE, in_table
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
        return _repr(value) if -_INF < value < _INF else encode(value)
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
        "constants",
        "default",
        "element_heads",
        "extra_keys",
        "fixed",
        "grading",
        "heads",
        "item",
        "limit_key",
        "limit_texts",
        "material",
        "memo",
        "rule",
        "tail",
        "unfailed",
    )

    def __init__(
        self,
        spec: ItemSpec,
        lang: str,
        scheme: SeverityScheme,
        designation: Designation,
        rule: Rule | None,
    ) -> None:
        self.item = spec.item
        self.rule = rule
        self.extra_keys = rule.extra_keys if rule is not None else ()
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
        self.memo: dict[int, str] = {}
        self.constants: list[Judged] = []
        self.limit_texts: dict[float, str] = {}
        self.limit_key = '"limit": '
        self.unfailed = {
            status: f'{self.heads[RESULT_WORDS[status]]}null, "measured": '
            for status in (PASS, UNJUDGED, INCOMPLETE)
        }

    def severity(self, judged: Judged) -> str | None:
        if judged[0] != FAIL:
            return None
        if self.grading is None:
            return self.default
        if judged[6] is not None:  # judged by hand: no reading to grade the deviation on
            return self.grading.grade(None, None, self.material).value
        return self.grading.grade(judged[4], judged[2], self.material).value

    def as_dict(self, judged: Judged) -> dict[str, object]:
        status, measured, limit, extras, _, elements, hand = judged
        out: dict[str, object] = {
            "item": self.item,
            "result": RESULT_WORDS[status],
            "severity": self.severity(judged),
            "measured": measured,
            "limit": limit,
        }
        out.update(self.fixed)
        out.update(zip(self.extra_keys, extras, strict=False))
        if hand is not None:
            out["judged_by"] = "hand"
            out["manual"] = dict(hand)  # type: ignore[call-overload]
        if elements is not None:
            out["elements"] = [
                {
                    "section_mm2": section,
                    "result": "pass" if passed else "fail",
                    "measured": value,
                    "limit": bound,
                    **dict(zip(self.extra_keys, more, strict=False)),
                }
                for section, passed, value, bound, more in elements
            ]
        return out

    def know(self, constants: list[Judged]) -> None:
        """Writes the check's shared results (not measured, pass, fail) once, kept by id."""
        self.memo = {id(judged): self._text(judged) for judged in constants}
        self.constants = constants  # kept alive with the texts: their ids stay theirs

    def as_text(self, judged: Judged) -> str:
        status, measured, limit, extras, _, elements, hand = judged
        if limit is None:  # every shared result has no limit
            text = self.memo.get(id(judged))
            return self._text(judged) if text is None else text
        if status == FAIL or hand is not None:
            return self._text(judged)
        # a measured item that did not fail: the common case, written from fixed pieces
        if type(measured) is float and -_INF < measured < _INF:
            measured_text = _repr(measured)
        else:
            measured_text = value_text(measured)
        limit_text = self.limit_texts.get(limit)
        if limit_text is None:
            limit_text = self.limit_texts[limit] = number_text(limit)
        text = f"{self.unfailed[status]}{measured_text}, {self.limit_key}{limit_text}{self.tail}"
        if extras:
            text += self.rule.extras_text(extras)  # type: ignore[union-attr]
        if elements is not None:
            text += self._elements(elements)
        return text + "}"

    def _extras(self, extras: tuple[object, ...]) -> str:
        return self.rule.extras_text(extras)  # type: ignore[union-attr]

    def _elements(self, elements: list[Element]) -> str:
        heads = self.element_heads
        texts = [
            f"{heads[section]}{'pass' if passed else 'fail'}"  # type: ignore[index]
            f'", "measured": {_repr(value)}, "limit": {number_text(bound)}'
            f"{self._extras(more) if more else ''}}}"
            for section, passed, value, bound, more in elements
        ]
        return f', "elements": [{", ".join(texts)}]'

    def _text(self, judged: Judged) -> str:
        status, measured, limit, extras, _, elements, hand = judged
        severity = self.severity(judged)
        text = (
            f"{self.heads[RESULT_WORDS[status]]}"
            f"{'null' if severity is None else encode(severity)}"
            f', "measured": {"null" if measured is None else value_text(measured)}'
            f', "limit": {"null" if limit is None else number_text(limit)}{self.tail}'
        )
        if extras:
            text += self._extras(extras)
        if hand is not None:
            text += f', "judged_by": "hand", "manual": {encode(dict(hand))}'  # type: ignore[call-overload]
        if elements is not None:
            text += self._elements(elements)
        return text + "}"


class Plan:
    """One designation's items, rules and fixed output, for one lang, scheme and options."""

    __slots__ = (
        "checks",
        "designation",
        "designation_text",
        "error_texts",
        "errors",
        "lang",
        "names",
        "options",
        "rule_text",
        "sections",
        "shared",
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
                or (spec.missing_standard is not None and not spec.bound_only)
                else rule_for(spec.kind, material, options.correction),
                self.sections,
            )
            for spec in self.specs
        ]
        self.writers = [
            ItemWriter(spec, lang, scheme, designation, c.rule)
            for spec, c in zip(self.specs, self.checks, strict=True)
        ]
        for writer, check in zip(self.writers, self.checks, strict=True):
            writer.know(check.constants)
        # the texts of every check's shared results, by id, for the whole plan
        self.shared = {key: text for w in self.writers for key, text in w.memo.items()}
        self.names = [encode(spec.item) for spec in self.specs]
        self.errors = [not_encoded_text(spec, lang) for spec in self.specs]
        self.error_texts = [encode(text) for text in self.errors]

    def judge(
        self, measurements: object, manual: Mapping[str, Mapping[str, str]] | None = None
    ) -> tuple[Readings, list[Judged]]:
        readings = read_measurements(measurements, self.sections)
        if self.options.correction == TABLE:
            _table_temperatures(readings)
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
        statuses = [j[_STATUS] for j in judged]
        return {
            "id": sample_id,
            "designation": self.designation.to_json(),
            "verdict": sample_verdict(statuses, bool(problems)),
            "items": [w.as_dict(j) for w, j in zip(self.writers, judged, strict=True)],
            "failed": [
                s.item for s, j in zip(self.specs, judged, strict=True) if j[_STATUS] == FAIL
            ],
            "errors": problems
            + [e for e, j in zip(self.errors, judged, strict=True) if j[_STATUS] == UNJUDGED],
            "rule": self.options.edition,
        }

    def as_text(self, id_text: str, judged: list[Judged], problems: list[str]) -> tuple[str, bool]:
        """The verdict's JSON line (newline included) and whether it is not an error."""
        statuses = [j[_STATUS] for j in judged]
        verdict = sample_verdict(statuses, bool(problems))
        shared = self.shared
        items = ", ".join(
            [shared.get(id(j)) or w.as_text(j) for w, j in zip(self.writers, judged, strict=True)]
        )
        failed = errors = ""
        if FAIL in statuses:
            failed = ", ".join([n for n, s in zip(self.names, statuses, strict=True) if s == FAIL])
        texts = [encode(t) for t in problems]
        if UNJUDGED in statuses:
            texts += [e for e, s in zip(self.error_texts, statuses, strict=True) if s == UNJUDGED]
        if texts:
            errors = ", ".join(texts)
        return (
            f'{{"id": {id_text}, "designation": {self.designation_text}, "verdict": "{verdict}", '
            f'"items": [{items}], "failed": [{failed}], "errors": [{errors}], '
            f'"rule": {self.rule_text}}}\n'
        ), verdict != "error"


def _table_temperatures(readings: Readings) -> None:
    """The tabulated factors go from 0 to 40 °C: a reading outside is not judged."""
    got = readings.values.get("conductor_resistance")
    if got is None:
        return
    listed = got if isinstance(got, list) else [(None, got)]
    for index, (_, values) in enumerate(listed):
        if not in_table(values.get("temperature_c", 20.0)):
            where = "" if type(got) is not list else f"[{index}]"
            readings.problem(
                f"measurements.conductor_resistance{where}.temperature_c",
                "按系数表校正时必须在 0 到 40 °C 之间",
                "must be from 0 to 40 °C for the tabulated factors",
            )
            del readings.values["conductor_resistance"]
            return


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
