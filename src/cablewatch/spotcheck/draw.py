"""The draw of 双随机一公开, as a pure function anyone can reimplement.

Published algorithm (version "cw-draw-1"):

1. Uniform numbers: u(label) = (int(SHA-256(seed + "|" + label)[:8 bytes], big-endian) >> 11
   + 0.5) / 2**53, a number strictly between 0 and 1 (SHA-256 in counter mode: the label
   names what is drawn, so each number is independent of the order of the others).
2. Enterprises: weighted sampling without replacement (Efraimidis–Spirakis). Candidate i
   (in the published order) with weight w gets key u("enterprise:" + id) ** (1 / w); the
   `tasks` candidates with the largest keys are drawn, in descending key order (ties: the
   earlier candidate first). Compared as ln(u) / w, which orders the same way.
3. Inspectors: for task number k (1-based), for j = 0, 1, 2, ...: the candidate is
   pool[floor(u("inspector:" + k + ":" + j) * len(pool))] of the published pool; it is
   skipped when excluded for that enterprise or already drawn for the task; stop when
   `per_task` are drawn (the draw fails when fewer are eligible).
4. Labs: task k goes to labs[(k - 1) mod len(labs)] of the published lab list.

Test vectors (uniform numbers to the last digit, whole draws of fixed inputs with unequal
weights, exclusions and three labs): spotcheck/data/draw_vectors.json, published at
/spotcheck/draw/test-vectors.json.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ALGORITHM = "cw-draw-1"


class DrawError(ValueError):
    """The inputs do not allow a draw (too few candidates or eligible inspectors)."""


@dataclass(frozen=True)
class Task:
    seq: int
    enterprise_id: int
    weight: float
    inspector_ids: tuple[int, ...]
    lab: str


def uniform(seed: str, label: str) -> float:
    digest = hashlib.sha256(f"{seed}|{label}".encode()).digest()
    return ((int.from_bytes(digest[:8], "big") >> 11) + 0.5) / 2.0**53


def seed_from_public_value(value: str) -> str:
    """The seed: SHA-256 hex of a public value fixed before the draw."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def pick_enterprises(seed: str, candidates: Sequence[tuple[int, float]], count: int) -> list[int]:
    """Indexes into `candidates` of the drawn ones, in draw order."""
    if count > len(candidates):
        raise DrawError(f"{count} tasks but only {len(candidates)} candidates")
    keyed = []
    for index, (enterprise_id, weight) in enumerate(candidates):
        if weight <= 0:
            raise DrawError(f"weight of {enterprise_id} must be positive")
        keyed.append((math.log(uniform(seed, f"enterprise:{enterprise_id}")) / weight, -index))
    keyed.sort(reverse=True)
    return [-neg_index for _, neg_index in keyed[:count]]


def pick_inspectors(
    seed: str, seq: int, pool: Sequence[int], excluded: set[int], per_task: int
) -> tuple[int, ...]:
    eligible = len(set(pool) - excluded)
    if eligible < per_task:
        raise DrawError(f"task {seq}: only {eligible} eligible inspectors")
    chosen: list[int] = []
    j = 0
    while len(chosen) < per_task:
        candidate = pool[int(uniform(seed, f"inspector:{seq}:{j}") * len(pool))]
        if candidate not in excluded and candidate not in chosen:
            chosen.append(candidate)
        j += 1
    return tuple(chosen)


def draw(
    seed: str,
    candidates: Sequence[tuple[int, float]],
    pool: Sequence[int],
    exclusions: Mapping[int, Sequence[int]],
    *,
    tasks: int,
    labs: Sequence[str],
    per_task: int = 2,
) -> list[Task]:
    """The whole draw: `tasks` enterprises, `per_task` inspectors each, labs in rotation."""
    if not labs:
        raise DrawError("no lab")
    result = []
    for seq, index in enumerate(pick_enterprises(seed, candidates, tasks), start=1):
        enterprise_id, weight = candidates[index]
        excluded = set(exclusions.get(enterprise_id, ()))
        inspectors = pick_inspectors(seed, seq, pool, excluded, per_task)
        result.append(Task(seq, enterprise_id, weight, inspectors, labs[(seq - 1) % len(labs)]))
    return result


def draw_from_inputs(inputs: Mapping[str, Any]) -> list[Task]:
    """Recompute a draw from its published inputs document (see `Plan.published_inputs`)."""
    return draw(
        str(inputs["seed"]),
        [(int(c[0]), float(c[1])) for c in inputs["candidates"]],
        [int(i) for i in inputs["inspectors"]],
        {int(k): [int(i) for i in v] for k, v in inputs["exclusions"].items()},
        tasks=int(inputs["tasks"]),
        labs=[str(lab) for lab in inputs["labs"]],
        per_task=int(inputs.get("per_task", 2)),
    )


@dataclass(frozen=True)
class RiskHistory:
    """What the registry and past results say about one enterprise."""

    failures: int = 0
    serious_failures: int = 0
    recent_failure: bool = False
    has_valid_licence: bool = True


RISK_WEIGHTS = {
    "base": 1.0,
    "per_failure": 1.0,
    "serious": 2.0,
    "recent": 2.0,
    "repeat": 2.0,
    "no_licence": 3.0,
}


def risk_weight(history: RiskHistory) -> float:
    """1 + 1 per past failure + 2 if any serious + 2 if one in the last two years
    + 2 if failed more than once + 3 without a valid licence or CCC certificate."""
    w = RISK_WEIGHTS
    weight = w["base"] + w["per_failure"] * history.failures
    weight += w["serious"] if history.serious_failures else 0.0
    weight += w["recent"] if history.recent_failure else 0.0
    weight += w["repeat"] if history.failures > 1 else 0.0
    weight += w["no_licence"] if not history.has_valid_licence else 0.0
    return weight
