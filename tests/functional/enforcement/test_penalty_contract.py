"""The penalty contract: `cablewatch penalty --json` and POST /api/v1/penalty."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

CLI = Path(sys.executable).with_name("cablewatch")


def run(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CABLEWATCH_VAR_DIR": str(tmp)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [str(CLI), "penalty", *args], capture_output=True, text=True, env=env, check=False
    )


def test_the_command_prints_the_contract_json(tmp_path: Path) -> None:
    done = run(
        "--violation", "unsafe_product", "--sold-value", "60000", "--unsold-value", "15000.5",
        "--illegal-income", "8000", "--json", tmp=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["violation"] == "unsafe_product"
    assert body["goods_value"] == 75000.5
    assert body["fine_min"] == 75000.5 and body["fine_max"] == 225001.5
    assert body["transfer"]["suggested"] is True
    assert {"article", "confiscate", "transfer"} <= body.keys()
    assert set(body["transfer"]) == {"suggested", "reason", "basis"}


A = "adulteration"


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--violation", "bogus", "--sold-value", "1", "--unsold-value", "1"], "--violation"),
        (["--violation", A, "--sold-value", "-3", "--unsold-value", "1"], "--sold-value"),
        (["--violation", A, "--sold-value", "1", "--unsold-value", "x"], "--unsold-value"),
    ],
)
def test_the_command_exits_2_naming_the_bad_flag(
    args: list[str], flag: str, tmp_path: Path
) -> None:
    done = run(*args, "--json", tmp=tmp_path)
    assert done.returncode == 2
    assert flag in done.stderr


def test_the_api_gives_the_same_answer_without_a_token(db: None) -> None:
    body = {"violation": "adulteration", "sold_value": 40000, "unsold_value": 30000}
    response = Client().post("/api/v1/penalty", json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["fine_min"] == 35000 and data["fine_max"] == 210000
    assert data["transfer"]["suggested"] is True


def test_the_api_refuses_a_negative_figure_as_a_problem(db: None) -> None:
    body = {"violation": "adulteration", "sold_value": -1, "unsold_value": 0}
    response = Client().post("/api/v1/penalty", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "sold_value"
