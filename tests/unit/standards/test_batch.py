"""Batch judging of JSON Lines and of one pretty-printed object."""

from __future__ import annotations

import json
from pathlib import Path

from cablewatch.standards import judge
from cablewatch.standards.batch import judge_stream, judge_text

GOOD = '{"id": "a", "designation": "BV 2.5", "measurements": {"marking": "fail"}}'


def test_it_gives_one_output_line_per_input_line_in_order() -> None:
    text = "\n".join([GOOD, "", '{"id": "b", "designation": "RVV 300/500V 3×1.5"}'])
    out, ok = judge_text(text)
    assert [json.loads(o)["id"] for o in out] == ["a", "b"]
    assert ok


def test_it_reports_a_line_that_is_not_json_by_number_and_keeps_going() -> None:
    out, ok = judge_text("\n".join([GOOD, "{broken", GOOD]), lang="en")
    assert len(out) == 3 and not ok
    assert json.loads(out[1])["verdict"] == "error"
    assert "line 2" in json.loads(out[1])["errors"][0]


def test_it_reads_a_single_pretty_printed_object() -> None:
    text = json.dumps(json.loads(GOOD), indent=2)
    out, ok = judge_text(text)
    assert len(out) == 1 and ok and json.loads(out[0])["id"] == "a"


def test_it_streams_to_a_writer_without_escaping_chinese() -> None:
    written: list[str] = []
    assert judge_stream([GOOD + "\n"], written.append) is True
    assert written[0].endswith("\n") and "导体电阻" in written[0]


def test_it_returns_false_when_any_sample_is_an_error() -> None:
    _, ok = judge_text('{"designation": "NOPE 1×2.5"}')
    assert not ok


def test_it_writes_the_same_json_as_json_dumps_of_judge() -> None:
    fixture = Path(__file__).parent / "fixtures" / "worked_cases.jsonl"
    for line in fixture.read_text(encoding="utf-8").splitlines():
        sample = json.loads(line)["sample"]
        out, _ = judge_text(json.dumps(sample, ensure_ascii=False), lang="en")
        assert out == [json.dumps(judge(sample, lang="en"), ensure_ascii=False)]
