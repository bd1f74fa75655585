"""Precompiled verdict plans: batch judging that writes what judge() + json.dumps would.

A plan is compiled once per (designation text, lang, severity scheme): the parsed
designation, its required items with their limits, and every fixed piece of the output
JSON already encoded (designation, requirement texts, clauses, whole pass/fail items).
Per sample only the measured numbers are checked, compared and formatted
(``float.__repr__``, as json.dumps does), and the text is joined from the fragments.

Anything unusual (a shape shapes.accept does not take, any exception) makes ``Planner``
return None, and the caller judges that sample the full way: the plan is a shortcut for
well-formed input, never a second set of rules for bad input.
"""

from __future__ import annotations

from functools import lru_cache
from json.encoder import encode_basestring

from .checks import FAIL, INCOMPLETE, UNJUDGED, encode, make_check
from .designation import parse_designation
from .judge import _SAMPLE_KEYS, _Texts, designation_json
from .model import Designation
from .severity import SeverityScheme, default_scheme
from .shapes import Unusual, accept
from .worklist import build_items

_MAX_PLANS = 4096


class Plan:
    """One designation's items and fixed output fragments, for one lang and scheme."""

    __slots__ = ("checks", "errors", "head", "names", "sections")

    def __init__(self, designation: Designation, lang: str, scheme: SeverityScheme) -> None:
        self.sections = designation.sections_mm2
        self.head = f', "designation": {designation_json(designation)}, "verdict": "'
        texts = _Texts(lang)
        specs = build_items(designation)
        self.checks = [make_check(spec, designation, lang, scheme) for spec in specs]
        self.names = [encode(spec.item) for spec in specs]
        # the "not encoded" error of each item (only those that miss a standard report it)
        self.errors = [encode(texts.not_encoded(spec)) for spec in specs]

    def render(self, id_text: str, measurements: object) -> tuple[str, bool]:
        """The verdict's JSON line and whether it is not an error; raises Unusual."""
        data = accept(measurements, self.sections)
        results = [check(data) for check in self.checks]
        statuses = [status for _, status in results]
        failed = errors = ""
        verdict = "pass"
        if FAIL in statuses:
            failed = _joined(self.names, statuses, FAIL)
            verdict = "fail"
        if UNJUDGED in statuses:
            errors = _joined(self.errors, statuses, UNJUDGED)
            verdict = "error" if verdict == "pass" else verdict
        if verdict == "pass" and INCOMPLETE in statuses:
            verdict = "incomplete"
        return (
            f'{{"id": {id_text}{self.head}{verdict}", "items": '
            f"[{', '.join([text for text, _ in results])}], "
            f'"failed": [{failed}], "errors": [{errors}]}}\n'
        ), verdict != "error"


def _joined(texts: list[str], statuses: list[int], wanted: int) -> str:
    return ", ".join([t for t, s in zip(texts, statuses, strict=True) if s == wanted])


@lru_cache(maxsize=1024)
def compile_plan(text: str, lang: str, scheme: SeverityScheme) -> Plan | None:
    """The plan of a designation text, or None when it does not parse (full path)."""
    try:
        return Plan(parse_designation(text), lang, scheme)
    except Exception:  # the full path words the error (or the internal error)
        return None


def _id_text(sample_id: object) -> str:
    if sample_id is None:
        return "null"
    if type(sample_id) is str:
        return encode_basestring(sample_id)
    if type(sample_id) is int:
        return int.__repr__(sample_id)
    raise Unusual


class Planner:
    """Judges samples by plan for one lang and scheme; None means: take the full path."""

    def __init__(self, lang: str, scheme: SeverityScheme | None = None) -> None:
        self.lang = lang
        self.scheme = scheme or default_scheme()
        self.enabled = lang in ("zh", "en")
        self.plans: dict[str, Plan | None] = {}

    def __call__(self, sample: object) -> tuple[str, bool] | None:
        """The verdict's JSON text (newline included) and whether it is not an error."""
        if not self.enabled:
            return None
        try:
            return self._judge(sample)
        except Exception:  # Unusual, or anything a plan did not foresee: the full path
            return None

    def _judge(self, sample: object) -> tuple[str, bool] | None:
        if type(sample) is not dict or not sample.keys() <= _SAMPLE_KEYS:
            return None
        text = sample.get("designation")
        if type(text) is not str:
            return None
        plan = self.plans.get(text)
        if plan is None and text not in self.plans:
            if len(self.plans) >= _MAX_PLANS:
                self.plans.clear()
            plan = self.plans[text] = compile_plan(text, self.lang, self.scheme)
        if plan is None:
            return None
        return plan.render(_id_text(sample.get("id")), sample.get("measurements"))
