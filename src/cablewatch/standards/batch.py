"""Batch judging of JSON Lines, or of one (possibly pretty-printed) JSON object.

The CLI is meant to be a one-liner over this::

    ok = judge_stream(sys.stdin, sys.stdout.write, lang=args.lang)
    sys.exit(0 if ok else 1)

Each sample is judged by its designation's compiled plan (plan.py), exactly as judge()
does; the plan writes its result as JSON text from pre-encoded fragments. A sample whose
envelope is bad (no plan) is written from judge()'s error dict by render.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring

from .judge import Prepared, designation_json, judge_with_designation, prepare
from .model import Designation
from .plan import Plan
from .render import render
from .severity import SeverityScheme, default_scheme

try:  # a fast parser at the boundary when installed; json.loads words the errors
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover - orjson is in the lock file
    _fast_loads = json.loads  # type: ignore[assignment]

_OPENERS = ("{", "[")
_loads = json.loads


def _parse(text: str) -> object:
    """json.loads of a line; orjson first, json.loads where orjson refuses (NaN, huge ints)."""
    try:
        return _fast_loads(text)
    except ValueError:
        return _loads(text)


# A line nested deeper than the interpreter recurses is a bad line like any other.
_NOT_JSON = (ValueError, RecursionError)


def _bad_line(number: int, exc: Exception, lang: str) -> dict[str, object]:
    reason = (
        f"第 {number} 行不是有效的 JSON: {exc}"
        if lang == "zh"
        else (f"line {number}: not valid JSON: {exc}")
    )
    return {
        "id": None,
        "designation": None,
        "verdict": "error",
        "items": [],
        "failed": [],
        "errors": [reason],
        "rule": None,
    }


def _id_text(sample_id: object) -> str:
    if sample_id is None:
        return "null"
    if type(sample_id) is str:
        return encode_basestring(sample_id)
    return int.__repr__(sample_id)


class Judge:
    """Judges samples for one lang and scheme, keeping the plans it compiles."""

    def __init__(self, lang: str, scheme: SeverityScheme | None = None) -> None:
        self.lang = lang
        self.scheme = scheme or default_scheme()
        self.plans: dict[object, Plan | None] = {}
        self.usable = lang in ("zh", "en")

    def __call__(self, sample: object) -> tuple[str, bool]:
        """The verdict's JSON text (newline included) and whether it is not an error."""
        if self.usable:
            try:
                prepared = prepare(sample, self.lang, self.scheme, self.plans)
            except Exception:
                return self._full(sample)
            if isinstance(prepared, Prepared):
                text = _id_text(prepared.sample_id)
                return prepared.plan.as_text(text, prepared.judged, prepared.problems)
            return _emit(prepared)
        return self._full(sample)

    def _full(self, sample: object) -> tuple[str, bool]:
        return _emit(judge_with_designation(sample, lang=self.lang, scheme=self.scheme))  # type: ignore[arg-type]


def _emit(judged: tuple[dict[str, object], Designation | None]) -> tuple[str, bool]:
    result, designation = judged
    text = render(result, designation_json(designation) if designation else None)
    return text + "\n", result["verdict"] != "error"


def _judge_sample(sample: object, judge: Judge, write: Callable[[str], None]) -> bool:
    text, ok = judge(sample)
    write(text)
    return ok


def _judge_line(number: int, text: str, judge: Judge, write: Callable[[str], None]) -> bool:
    try:
        sample = _parse(text)
    except _NOT_JSON as exc:
        return _judge_sample_text(_emit((_bad_line(number, exc, judge.lang), None)), write)
    return _judge_sample(sample, judge, write)


def _judge_sample_text(judged: tuple[str, bool], write: Callable[[str], None]) -> bool:
    write(judged[0])
    return judged[1]


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if text:
            yield number, text


def _judge_lines(
    numbered: Iterable[tuple[int, str]], write: Callable[[str], None], judge: Judge
) -> bool:
    all_judged = True
    fast_loads = _fast_loads
    for number, text in numbered:
        try:
            sample = fast_loads(text)
        except ValueError:
            all_judged &= _judge_line(number, text, judge, write)
            continue
        verdict, ok = judge(sample)
        write(verdict)
        all_judged &= ok
    return all_judged


def judge_stream(
    lines: Iterable[str],
    write: Callable[[str], None],
    *,
    lang: str = "zh",
    scheme: SeverityScheme | None = None,
) -> bool:
    """Judge each sample; ``write`` receives one JSON text per sample, newline included.

    Input is JSON Lines, or a single JSON object spread over several lines (detected when
    the first non-blank line is not valid JSON on its own). A line that is not valid JSON
    yields an error verdict naming its line number. Returns True when no verdict is
    "error". Memory stays flat for JSON Lines; only a multi-line object is buffered.
    The text written is json.dumps(judge(sample, lang=lang), ensure_ascii=False).
    """
    judge = Judge(lang, scheme)
    numbered = _numbered(lines)
    first = next(numbered, None)
    if first is None:
        return True
    text = first[1]
    try:
        sample = _parse(text)
    except _NOT_JSON:
        if not text.startswith(_OPENERS):
            return _judge_lines([first, *numbered], write, judge)
        return _judge_document([first, *numbered], write, judge)
    all_judged = _judge_sample(sample, judge, write)
    return _judge_lines(numbered, write, judge) and all_judged


def _judge_document(
    numbered: list[tuple[int, str]], write: Callable[[str], None], judge: Judge
) -> bool:
    try:
        sample = _parse("\n".join(text for _, text in numbered))
    except _NOT_JSON:
        # not one document either: judge line by line so every bad line is reported
        return _judge_lines(numbered, write, judge)
    return _judge_sample(sample, judge, write)


def judge_text(text: str, *, lang: str = "zh") -> tuple[list[str], bool]:
    """Judge a whole text; returns the output JSON texts (no newlines) and all-judged."""
    out: list[str] = []
    ok = judge_stream(text.splitlines(), lambda line: out.append(line.rstrip("\n")), lang=lang)
    return out, ok
