"""Batch judging of JSON Lines, or of one (possibly pretty-printed) JSON object.

The CLI is meant to be a one-liner over this::

    ok = judge_stream(sys.stdin, sys.stdout.write, lang=args.lang)
    sys.exit(0 if ok else 1)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from .judge import designation_json, judge_with_designation
from .model import Designation
from .plan import Planner
from .render import render

_OPENERS = ("{", "[")


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
    }


def _emit(
    judged: tuple[dict[str, object], Designation | None], write: Callable[[str], None]
) -> bool:
    result, designation = judged
    write(render(result, designation_json(designation) if designation else None) + "\n")
    return result["verdict"] != "error"


def _judge_sample(sample: object, planner: Planner, write: Callable[[str], None]) -> bool:
    """By the precompiled plan when the sample is well formed, else the full way."""
    fast = planner(sample)
    if fast is not None:
        write(fast[0])
        return fast[1]
    return _emit(judge_with_designation(sample, lang=planner.lang), write)  # type: ignore[arg-type]


def _judge_line(number: int, text: str, planner: Planner, write: Callable[[str], None]) -> bool:
    try:
        sample = json.loads(text)
    except _NOT_JSON as exc:
        return _emit((_bad_line(number, exc, planner.lang), None), write)
    return _judge_sample(sample, planner, write)


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if text:
            yield number, text


def _judge_lines(
    numbered: Iterable[tuple[int, str]], write: Callable[[str], None], planner: Planner
) -> bool:
    all_judged = True
    for number, text in numbered:
        all_judged &= _judge_line(number, text, planner, write)
    return all_judged


def judge_stream(lines: Iterable[str], write: Callable[[str], None], *, lang: str = "zh") -> bool:
    """Judge each sample; ``write`` receives one JSON text per sample, newline included.

    Input is JSON Lines, or a single JSON object spread over several lines (detected when
    the first non-blank line is not valid JSON on its own). A line that is not valid JSON
    yields an error verdict naming its line number. Returns True when no verdict is
    "error". Memory stays flat for JSON Lines; only a multi-line object is buffered.
    Well-formed samples are judged by precompiled plans (plan.py); the text written is
    the same as json.dumps(judge(sample, lang=lang), ensure_ascii=False) either way.
    """
    planner = Planner(lang)
    numbered = _numbered(lines)
    first = next(numbered, None)
    if first is None:
        return True
    text = first[1]
    try:
        sample = json.loads(text)
    except _NOT_JSON:
        if not text.startswith(_OPENERS):
            return _judge_lines([first, *numbered], write, planner)
        return _judge_document([first, *numbered], write, planner)
    all_judged = _judge_sample(sample, planner, write)
    return _judge_lines(numbered, write, planner) and all_judged


def _judge_document(
    numbered: list[tuple[int, str]], write: Callable[[str], None], planner: Planner
) -> bool:
    try:
        sample = json.loads("\n".join(text for _, text in numbered))
    except _NOT_JSON:
        # not one document either: judge line by line so every bad line is reported
        return _judge_lines(numbered, write, planner)
    return _judge_sample(sample, planner, write)


def judge_text(text: str, *, lang: str = "zh") -> tuple[list[str], bool]:
    """Judge a whole text; returns the output JSON texts (no newlines) and all-judged."""
    out: list[str] = []
    ok = judge_stream(text.splitlines(), lambda line: out.append(line.rstrip("\n")), lang=lang)
    return out, ok
