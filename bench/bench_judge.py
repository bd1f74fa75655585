"""Benchmark: batch judging vs bare json.loads + json.dumps of the same JSON Lines.

Run: ``python bench/bench_judge.py [--n 200000]`` (``BENCH_QUICK=1``: 20,000 samples).
Prints samples/s of (a) json.loads + json.dumps and (b) judge_stream, and the ratio b/a
(target >= 1/3). The two are timed in alternating chunks of the same lines, so that load
from other processes falls on both alike. Exit status 0 either way: a benchmark reports.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable

from cablewatch.standards.batch import judge_stream

# (designation, [(section, resistance limit, insulation nominal)], sheath nominal, OD range)
_Template = tuple[str, list[tuple[float, float, float]], float | None, tuple[float, float] | None]
_TEMPLATES: list[_Template] = [
    ("BV 450/750V 1×2.5", [(2.5, 7.41, 0.8)], None, (3.2, 3.9)),
    ("BV-4", [(4, 4.61, 0.8)], None, (3.6, 4.4)),
    ("BV 450/750V 1×10", [(10, 1.83, 1.0)], None, (5.6, 6.7)),
    ("ZC-BV 450/750V 1×1.5", [(1.5, 12.1, 0.7)], None, (2.6, 3.3)),
    ("RVV 300/500V 3×1.5", [(1.5, 13.3, 0.7)], 0.9, (7.4, 9.4)),
    ("RVV 300/500V 2×2.5", [(2.5, 7.98, 0.8)], 1.0, (8.4, 10.6)),
    ("60227 IEC 01(BV) 450/750V 1×6mm²", [(6, 3.08, 0.8)], None, (4.1, 5.0)),
    ("YJV 0.6/1kV 3×95+1×50", [(95, 0.193, 1.1), (50, 0.387, 1.0)], 1.8, None),
    ("ZC-YJV22-0.6/1kV 4×95+1×50", [(95, 0.193, 1.1), (50, 0.387, 1.0)], 2.0, None),
    ("YJLV 0.6/1kV 3×185+1×95", [(185, 0.164, 1.6), (95, 0.320, 1.1)], 2.2, None),
    ("WDZN-YJY 0.6/1kV 5×16", [(16, 1.15, 0.7)], 1.8, None),
    ("KVV 450/750V 4×1.5", [(1.5, 12.1, 0.7)], 1.5, None),
]


def _sample(rng: random.Random, index: int) -> dict[str, object]:
    designation, cores, sheath, diameter = rng.choice(_TEMPLATES)
    bad = rng.random() < 0.2  # about one sample in five fails something
    resistance = [
        {
            "section_mm2": s,
            "value": round(limit * rng.uniform(0.95, 1.12 if bad else 0.99), 4),
            "temperature_c": round(rng.uniform(15, 28), 1),
        }
        for s, limit, _ in cores
    ]
    insulation = [
        {
            "section_mm2": s,
            "mean": round(t * rng.uniform(0.9 if bad else 1.0, 1.15), 2),
            "min": round(t * rng.uniform(0.8, 0.92), 2),
        }
        for s, _, t in cores
    ]
    measurements: dict[str, object] = {
        "conductor_resistance": resistance if len(cores) > 1 else _single(resistance[0]),
        "insulation_thickness": insulation if len(cores) > 1 else _single(insulation[0]),
        "insulation_tensile_strength": round(rng.uniform(11.0 if bad else 13.0, 20.0), 1),
        "insulation_elongation": rng.randint(150 if bad else 210, 400),
        "voltage_test": "pass",
        "marking": "fail" if bad and rng.random() < 0.3 else "pass",
        "flame_test": "pass",
    }
    if sheath:
        measurements["sheath_thickness"] = {
            "mean": round(sheath * rng.uniform(0.95, 1.2), 2),
            "min": round(sheath * rng.uniform(0.8, 0.9), 2),
        }
    if diameter:
        measurements["overall_diameter"] = {"mean": round(rng.uniform(*diameter), 2)}
    return {"id": f"S-{index:07d}", "designation": designation, "measurements": measurements}


def _single(reading: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in reading.items() if k != "section_mm2"}


def _bare(lines: list[str]) -> None:
    sink = []
    for line in lines:
        sink.append(json.dumps(json.loads(line), ensure_ascii=False) + "\n")


def _judged(lines: list[str]) -> None:
    sink: list[str] = []
    judge_stream(lines, sink.append)


_TARGET = 1 / 3
_CHUNK = 2_000


def _timed(function: Callable[[list[str]], None], lines: list[str]) -> float:
    start = time.perf_counter()
    function(lines)
    return time.perf_counter() - start


def _measure(lines: list[str]) -> tuple[float, float]:
    """Seconds of (bare, judged) over all lines, alternating chunk by chunk."""
    bare = judged = 0.0
    for start in range(0, len(lines), _CHUNK):
        chunk = lines[start : start + _CHUNK]
        bare += _timed(_bare, chunk)
        judged += _timed(_judged, chunk)
    return bare, judged


def main() -> None:
    quick = os.environ.get("BENCH_QUICK") == "1"
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--n", type=int, default=20_000 if quick else 200_000, help="number of samples"
    )
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lines = [json.dumps(_sample(rng, i), ensure_ascii=False) for i in range(args.n)]
    _judged(lines[:1000])  # warm-up: plans compiled, caches filled
    bare, judged = _measure(lines)
    ratio = bare / judged
    print(f"samples: {args.n}{' (BENCH_QUICK)' if quick else ''}")
    print(f"(a) json.loads + json.dumps: {args.n / bare:,.0f} samples/s")
    print(f"(b) judge_stream:            {args.n / judged:,.0f} samples/s")
    met = "target met" if ratio >= _TARGET else "TARGET NOT MET"
    print(f"ratio judge/bare-json: {ratio:.2f} (target >= {_TARGET:.2f}): {met}")


if __name__ == "__main__":
    main()
