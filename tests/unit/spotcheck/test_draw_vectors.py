"""The published draw pinned by test vectors (src/cablewatch/spotcheck/data/draw_vectors.json,
shown on every public draw page): anyone reimplementing cw-draw-1 checks against them.

Three implementations must agree: the module, the vectors file, and the short
reimplementation below, written from the algorithm text alone."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

import pytest

from cablewatch.spotcheck import draw

VECTORS = json.loads(
    (Path(draw.__file__).parent / "data" / "draw_vectors.json").read_text(encoding="utf-8")
)


def u(seed: str, label: str) -> float:
    digest = hashlib.sha256(f"{seed}|{label}".encode()).digest()
    return ((int.from_bytes(digest[:8], "big") >> 11) + 0.5) / 2**53


def reimplemented(doc: dict[str, Any]) -> list[tuple[int, list[int], str]]:
    seed, pool, labs = doc["seed"], doc["inspectors"], doc["labs"]
    keyed = sorted(
        (
            (math.log(u(seed, f"enterprise:{e}")) / w, -i)
            for i, (e, w) in enumerate(doc["candidates"])
        ),
        reverse=True,
    )
    out = []
    for k, (_, neg) in enumerate(keyed[: doc["tasks"]], start=1):
        enterprise = doc["candidates"][-neg][0]
        excluded = set(doc["exclusions"].get(str(enterprise), []))
        chosen: list[int] = []
        j = 0
        while len(chosen) < doc["per_task"]:
            c = pool[math.floor(u(seed, f"inspector:{k}:{j}") * len(pool))]
            if c not in excluded and c not in chosen:
                chosen.append(c)
            j += 1
        out.append((enterprise, chosen, labs[(k - 1) % len(labs)]))
    return out


def test_the_seed_is_the_sha256_of_the_public_value() -> None:
    assert draw.seed_from_public_value(VECTORS["seed_public_value"]) == VECTORS["seed"]
    assert VECTORS["seed"] == (
        hashlib.sha256("2026-12-01 上证综指收盘 3412.56".encode()).hexdigest()
    )


@pytest.mark.parametrize("vector", VECTORS["uniform"], ids=lambda v: v["label"])
def test_uniform_numbers_to_the_last_digit(vector: dict[str, str]) -> None:
    assert repr(draw.uniform(VECTORS["seed"], vector["label"])) == vector["u"]


def test_known_uniform_values_written_out() -> None:
    """The first vectors, typed here as well, so that a changed file cannot hide a change."""
    seed = VECTORS["seed"]
    assert draw.uniform(seed, "enterprise:1") == 0.2970295663223815
    assert draw.uniform(seed, "enterprise:2") == 0.7369941841744945
    assert draw.uniform(seed, "inspector:1:0") == 0.5287124185295078


@pytest.mark.parametrize("case", VECTORS["draws"], ids=["A", "B"])
def test_full_draws_match_the_vectors_and_a_second_implementation(case: dict[str, Any]) -> None:
    tasks = draw.draw_from_inputs(case["inputs"])
    got = [
        {"seq": t.seq, "enterprise": t.enterprise_id, "weight": t.weight,
         "inspectors": list(t.inspector_ids), "lab": t.lab}
        for t in tasks
    ]  # fmt: skip
    assert got == case["tasks"]
    assert [(t["enterprise"], t["inspectors"], t["lab"]) for t in got] == reimplemented(
        case["inputs"]
    )


def test_draw_a_written_out() -> None:
    """Vector A by value: unequal weights (4 has weight 8), exclusions (4 excludes 101 and
    102, 7 excludes 103), three labs in rotation from lab-a."""
    tasks = draw.draw_from_inputs(VECTORS["draws"][0]["inputs"])
    assert [(t.enterprise_id, t.inspector_ids, t.lab) for t in tasks] == [
        (2, (104, 105), "lab-a"),
        (6, (104, 101), "lab-b"),
        (4, (103, 104), "lab-c"),
        (7, (102, 106), "lab-a"),
    ]


def test_another_seed_gives_another_draw() -> None:
    inputs = dict(VECTORS["draws"][0]["inputs"])
    inputs["seed"] = draw.seed_from_public_value("another public value")
    assert [t.enterprise_id for t in draw.draw_from_inputs(inputs)] != [2, 6, 4, 7]


@pytest.mark.django_db
def test_the_vectors_are_published_without_login(client: Any) -> None:
    response = client.get("/spotcheck/draw/test-vectors.json")
    assert response.status_code == 200
    assert json.loads(response.content) == VECTORS


def test_impossible_draws_are_refused_with_the_reason() -> None:
    seed = VECTORS["seed"]
    with pytest.raises(draw.DrawError, match="3 tasks but only 2 candidates"):
        draw.pick_enterprises(seed, [(1, 1.0), (2, 1.0)], 3)
    with pytest.raises(draw.DrawError, match="weight of 2 must be positive"):
        draw.pick_enterprises(seed, [(1, 1.0), (2, 0.0)], 1)
    with pytest.raises(draw.DrawError, match="task 4: only 1 eligible inspectors"):
        draw.pick_inspectors(seed, 4, [101, 102], {102}, 2)
    with pytest.raises(draw.DrawError, match="no lab"):
        draw.draw(seed, [(1, 1.0)], [101, 102], {}, tasks=1, labs=[])


def test_per_task_is_read_from_the_inputs() -> None:
    inputs = {**VECTORS["draws"][0]["inputs"], "per_task": 3}
    tasks = draw.draw_from_inputs(inputs)
    assert [len(t.inspector_ids) for t in tasks] == [3, 3, 3, 3]
    assert [t.inspector_ids[:2] for t in tasks] == [(104, 105), (104, 101), (103, 104), (102, 106)]


@pytest.mark.parametrize(
    ("history", "weight"),
    [
        (draw.RiskHistory(), 1.0),
        (draw.RiskHistory(failures=1), 2.0),  # one failure: no repeat bonus
        (draw.RiskHistory(failures=2), 5.0),  # 1 + 2 + 2 (repeat)
        (draw.RiskHistory(failures=1, serious_failures=1, recent_failure=True), 6.0),
        (draw.RiskHistory(has_valid_licence=False), 4.0),
    ],
)
def test_risk_weight_known_answers(history: draw.RiskHistory, weight: float) -> None:
    assert draw.risk_weight(history) == weight
