"""The pure draw: reproducible, never an excluded inspector, weights respected."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablewatch.spotcheck.draw import (
    DrawError,
    RiskHistory,
    Task,
    draw,
    draw_from_inputs,
    risk_weight,
    uniform,
)

candidates_st = st.lists(
    st.tuples(st.integers(1, 10_000), st.floats(0.1, 20)),
    min_size=1,
    max_size=40,
    unique_by=lambda c: c[0],
)


@st.composite
def draw_inputs(draw_: st.DrawFn) -> dict[str, Any]:
    candidates = draw_(candidates_st)
    pool = draw_(st.lists(st.integers(1, 500), min_size=4, max_size=20, unique=True))
    exclusions = {
        c[0]: draw_(st.lists(st.sampled_from(pool), max_size=len(pool) - 2, unique=True))
        for c in candidates
    }
    return {
        "seed": draw_(st.text(min_size=1, max_size=20)),
        "candidates": candidates,
        "pool": pool,
        "exclusions": exclusions,
        "tasks": draw_(st.integers(1, len(candidates))),
    }


def _draw(inputs: dict[str, Any]) -> list[Task]:
    return draw(
        inputs["seed"],
        inputs["candidates"],
        inputs["pool"],
        inputs["exclusions"],
        tasks=inputs["tasks"],
        labs=["a"],
    )


@given(draw_inputs())
@settings(max_examples=150, deadline=None)
def test_the_same_inputs_give_the_same_draw(inputs: dict[str, Any]) -> None:
    assert _draw(inputs) == _draw(inputs)


@given(draw_inputs())
@settings(max_examples=150, deadline=None)
def test_no_excluded_inspector_is_ever_drawn(inputs: dict[str, Any]) -> None:
    tasks = _draw(inputs)
    exclusions: dict[int, list[int]] = inputs["exclusions"]
    for task in tasks:
        assert len(set(task.inspector_ids)) == 2
        assert not set(task.inspector_ids) & set(exclusions[task.enterprise_id])
    assert len({t.enterprise_id for t in tasks}) == len(tasks)


def test_weights_are_respected_in_distribution() -> None:
    """Over 4,000 fixed seeds, an enterprise of weight 4 is drawn (1 of 5 picked) about
    four times as often as one of weight 1: Efraimidis–Spirakis first-pick probability
    is w / Σw = 4/7 vs 1/7 each."""
    candidates = [(1, 4.0), (2, 1.0), (3, 1.0), (4, 1.0)]
    counts: Counter[int] = Counter()
    for n in range(4000):
        counts[
            draw(f"seed-{n}", candidates, [10, 11], {}, tasks=1, labs=["a"])[0].enterprise_id
        ] += 1
    assert counts[1] / 4000 == pytest.approx(4 / 7, abs=0.03)
    for light in (2, 3, 4):
        assert counts[light] / 4000 == pytest.approx(1 / 7, abs=0.03)


def test_it_refuses_when_too_few_inspectors_are_eligible() -> None:
    with pytest.raises(DrawError):
        draw("s", [(1, 1.0)], [10, 11], {1: [10]}, tasks=1, labs=["a"])


def test_uniform_is_strictly_between_zero_and_one_and_published() -> None:
    # A reimplementation can check itself against this value.
    assert uniform("seed", "enterprise:1") == pytest.approx(uniform("seed", "enterprise:1"))
    assert 0 < uniform("", "") < 1


def test_draw_from_inputs_reads_the_published_document() -> None:
    inputs = {
        "seed": "abc",
        "candidates": [[1, 1.0], [2, 3.0]],
        "inspectors": [10, 11, 12],
        "exclusions": {"1": [10]},
        "tasks": 2,
        "labs": ["lab-a", "lab-b"],
    }
    tasks = draw_from_inputs(inputs)
    assert [t.lab for t in tasks] == ["lab-a", "lab-b"]
    assert 10 not in next(t for t in tasks if t.enterprise_id == 1).inspector_ids


def test_risk_weight_adds_up_the_published_factors() -> None:
    assert risk_weight(RiskHistory()) == 1.0
    assert risk_weight(RiskHistory(2, 1, True, False)) == 1 + 2 + 2 + 2 + 2 + 3
