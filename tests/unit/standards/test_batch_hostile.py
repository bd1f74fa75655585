"""One deeply nested or oversized line is one error line, not the end of the run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cablewatch.standards.batch import judge_text

GOOD = '{"id": "a", "designation": "BV 2.5", "measurements": {"marking": "fail"}}'
DEEP = "[" * 100_000 + "]" * 100_000
HUGE_INT = '{"id": ' + "9" * 5000 + ', "designation": "BV 2.5"}'


@pytest.mark.parametrize("bad", [DEEP, '{"a":' * 5000 + "1" + "}" * 5000, HUGE_INT])
@pytest.mark.parametrize("where", [0, 1])
def test_a_hostile_line_is_one_error_line(bad: str, where: int) -> None:
    lines = [GOOD, GOOD]
    lines.insert(where, bad)
    out, ok = judge_text("\n".join(lines), lang="en")
    assert not ok
    assert len(out) == 3
    verdicts = [json.loads(o)["verdict"] for o in out]
    assert verdicts[where] == "error" and verdicts.count("error") == 1
    assert f"line {where + 1}" in json.loads(out[where])["errors"][0]


def test_the_cli_exits_1_with_every_line_answered(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([GOOD, DEEP, GOOD]), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cablewatch.cli", "judge", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr[-500:]
    assert len(done.stdout.splitlines()) == 3
    assert "Traceback" not in done.stderr
