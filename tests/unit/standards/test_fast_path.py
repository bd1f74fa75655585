"""The batch's precompiled plans write exactly what judge() + json.dumps writes.

Thousands of varied samples (valid, failing, incomplete, malformed; every family of the
worked cases; both languages) go through judge_stream, whose plans take the well-formed
ones, and through the plain judge() + json.dumps(ensure_ascii=False) path.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablewatch.standards import (
    DesignationError,
    judge,
    load_severity_scheme,
    parse_designation,
)
from cablewatch.standards.batch import Judge, judge_stream

FIXTURE = Path(__file__).parent / "fixtures" / "worked_cases.jsonl"
CASES = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line]
SEEDS: list[dict[str, Any]] = [c["sample"] for c in CASES]
DESIGNATIONS = [
    *sorted({str(s["designation"]) for s in SEEDS if "designation" in s}),
    "YJV 0.6/1kV 3×95+1×50",
    "ZC-YJV22-0.6/1kV 4×95+1×50",
    "YJLV 0.6/1kV 3×185+1×95",
    "KVV 450/750V 4×1.5",
    "RVV 300/500V 2×2.5",
    "BV-4",
    "BV 1×0.7",
    "",
]
ODD_VALUES: list[object] = [
    None,
    True,
    False,
    "1.5",
    "",
    [],
    {},
    [1.0],
    -1,
    -0.0,
    0,
    0.0,
    10**30,
    1e308,
    float("nan"),
    float("inf"),
    -float("inf"),
    "pass",
    "合格",
    "不合格",
    "PASS",
]
IDS: list[object] = [None, 7, 0, -3, True, 1.5, "S-1", 'q"uo\\te', "样品\n一", "\u2028", [], {}]


class Mutator:
    """Varies a worked case: ``messy`` ones also get odd values, keys and shapes."""

    def __init__(self, rng: random.Random, messy: bool) -> None:
        self.rng = rng
        self.odds = 0.2 if messy else 0.0

    def odd(self, probability: float) -> bool:
        return self.rng.random() < probability * self.odds * 5


def _number(m: Mutator, value: float) -> object:
    rng = m.rng
    if m.odd(0.05):
        return rng.choice(ODD_VALUES)
    roll = rng.random()
    if roll < 0.7:
        spread = rng.choice([0.02, 0.15])
        return round(value * rng.uniform(1 - spread, 1 + spread), rng.choice([1, 2, 3, 4]))
    if roll < 0.85:
        return int(value * rng.uniform(0.8, 1.3))
    return value


def _mutate_object(m: Mutator, raw: dict[str, Any]) -> dict[str, Any]:
    rng = m.rng
    out = {
        k: (_number(m, v) if type(v) in (int, float) and k != "section_mm2" else v)
        for k, v in raw.items()
    }
    if not m.odds and type(out.get("min")) is float and type(out.get("mean")) is float:
        out["min"] = min(out["min"], out["mean"])
    roll = rng.random()
    if roll < 0.08 and out:
        del out[rng.choice(list(out))]
    elif roll < 0.1 and "temperature_c" in out:
        out["unit"] = rng.choice(["Ω/km", "ohm/km", "Ω/KM"])
    elif m.odd(0.04):
        out[rng.choice(["unit", "unit", "x", "section_mm2", "temperature_c", "min"])] = rng.choice(
            ["mm", "Ω/km", "ohm/km", "Ω/KM", "cm", 20, 1.5, None]
        )
    elif m.odd(0.04) and "mean" in out:
        out["min"] = rng.choice([out["mean"], 9.9])
    return out


def _mutate_value(m: Mutator, value: object) -> object:
    rng = m.rng
    if isinstance(value, dict):
        return _mutate_object(m, value)
    if isinstance(value, list):
        items = [_mutate_value(m, v) for v in value]
        roll = rng.random()
        if m.odd(0.08) and items:
            items.append(copy.deepcopy(items[0]))  # a repeated cross-section
        elif roll < 0.14 and len(items) > 1:
            items.pop()  # one section missing: incomplete
        elif roll < 0.18:
            items.reverse()
        return items
    if isinstance(value, str):
        words = ["pass", "fail", "合格", "不合格", value, value, value]
        return "PASS" if m.odd(0.05) else rng.choice(words)
    if type(value) in (int, float):
        return _number(m, float(value))  # type: ignore[arg-type]
    return value


def _as_list(m: Mutator, raw: dict[str, Any], sections: list[float]) -> list[dict[str, Any]]:
    if m.odd(0.3):
        sections = m.rng.choice([[2.5], [95.0, 50.0], [1.5], [16.0, 16.0], [3.0]])
    return [{"section_mm2": s, **_mutate_object(m, raw)} for s in sections]


def _sections(designation: object) -> list[float]:
    try:
        return list(parse_designation(designation).sections_mm2)  # type: ignore[arg-type]
    except (DesignationError, TypeError):
        return [2.5]


def _measurements(m: Mutator, raw: dict[str, Any], sections: list[float]) -> dict[str, Any]:
    rng = m.rng
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if rng.random() < 0.06:
            continue  # not tested
        if m.odd(0.03):
            out[key] = rng.choice(ODD_VALUES)
            continue
        out[key] = _mutate_value(m, value)
        listable = key in ("conductor_resistance", "insulation_thickness")
        if isinstance(value, dict) and (len(sections) > 1 or rng.random() < 0.2) and listable:
            out[key] = _as_list(m, value, sections)
    if m.odd(0.05):
        out[rng.choice(["x", "insulation_thickness_mean", "sheath_thickness"])] = {"mean": 1.0}
    keys = list(out)
    rng.shuffle(keys)
    return {k: out[k] for k in keys}


def _sample(rng: random.Random) -> object:
    m = Mutator(rng, messy=rng.random() < 0.4)
    seed = rng.choice(SEEDS)
    if m.odd(0.03):
        return rng.choice([[], 3, "BV 2.5", None, [seed]])
    sample: dict[str, Any] = {"id": seed.get("id"), "designation": seed.get("designation")}
    if rng.random() < 0.2:
        sample["designation"] = rng.choice(DESIGNATIONS)
    if rng.random() < 0.15:
        sample["id"] = rng.choice(IDS[:3] + IDS[6:10])
    if m.odd(0.05):
        sample["id"] = rng.choice(IDS)
    if m.odd(0.03):
        sample["designation"] = rng.choice([None, 25, ["BV 2.5"]])
    measurements = seed.get("measurements")
    if isinstance(measurements, dict):
        sample["measurements"] = _measurements(m, measurements, _sections(sample["designation"]))
    elif measurements is not None:
        sample["measurements"] = measurements
    if m.odd(0.03):
        sample[rng.choice(["extra", "measurement"])] = 1
    if rng.random() < 0.03:
        del sample["id"]
    return sample


def _reference(line: str, lang: str, **kwargs: Any) -> str:
    return json.dumps(judge(json.loads(line), lang=lang, **kwargs), ensure_ascii=False)


def _lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    fixed = [json.dumps(s, ensure_ascii=False) for s in SEEDS]
    return fixed + [json.dumps(_sample(rng), ensure_ascii=False) for _ in range(count)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_it_writes_the_same_bytes_by_plan_as_judge_and_json_dumps(lang: str) -> None:
    lines = _lines(2500, seed=3956 if lang == "zh" else 5023)
    written: list[str] = []
    judge_stream(lines, written.append, lang=lang)
    assert len(written) == len(lines)
    for line, out in zip(lines, written, strict=True):
        assert out == _reference(line, lang) + "\n", line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_it_judges_by_plan_what_judge_judges_with_every_verdict(lang: str) -> None:
    lines = _lines(2500, seed=12706)
    batch = Judge(lang)
    taken = [batch(json.loads(line)) for line in lines]
    verdicts = {json.loads(text)["verdict"] for text, _ in taken}
    assert verdicts == {"pass", "fail", "incomplete", "error"}
    for line, (text, ok) in zip(lines, taken, strict=True):
        reference = _reference(line, lang)
        assert text == reference + "\n", line
        assert ok == (json.loads(reference)["verdict"] != "error")


def test_it_plans_with_a_province_scheme_too() -> None:
    scheme = load_severity_scheme(
        {
            "default": "serious",
            "items": {
                "conductor_resistance": {
                    "kind": "graded",
                    "direction": "over",
                    "thresholds": [{"more_than": 0.01, "severity": "serious"}],
                    "otherwise": "general",
                },
                "marking": {"kind": "fixed", "severity": "general"},
            },
        }
    )
    batch = Judge("en", scheme)
    for line in _lines(600, seed=19666):
        text, _ = batch(json.loads(line))
        assert text == _reference(line, "en", scheme=scheme) + "\n", line


@pytest.mark.parametrize(
    "measurements",
    [
        {"conductor_resistance": {"value": 1.7e308, "temperature_c": -40}},
        {"conductor_resistance": {"value": 10**400}},
        {"insulation_thickness": {"mean": 1e300}},
        {"insulation_elongation": 10**400},
        {"conductor_resistance": {"value": 7, "temperature_c": 20, "unit": "ohm/km"}},
        {"insulation_thickness": [{"section_mm2": 2.5, "min": 0.7, "unit": "mm"}]},
        {"overall_diameter": {"mean": 0}, "voltage_test": None, "x": None},
    ],
)
def test_it_agrees_on_extreme_but_valid_numbers(measurements: dict[str, Any]) -> None:
    sample = {"id": 1, "designation": "BV 450/750V 1×2.5", "measurements": measurements}
    line = json.dumps(sample)
    for lang in ("zh", "en"):
        written: list[str] = []
        judge_stream([line], written.append, lang=lang)
        assert written == [_reference(line, lang) + "\n"]


def test_it_leaves_an_unknown_language_to_the_full_path() -> None:
    written: list[str] = []
    line = json.dumps(SEEDS[0], ensure_ascii=False)
    assert judge_stream([line], written.append, lang="fr") is False
    assert Judge("fr")(SEEDS[0])[0] == _reference(line, "fr") + "\n"
    assert written == [_reference(line, "fr") + "\n"]


numbers = st.one_of(
    st.floats(min_value=0, max_value=30, allow_nan=False),
    st.integers(min_value=0, max_value=500),
    st.sampled_from([-1, -0.0, 1e308, float("nan"), float("inf"), True, None, "1"]),
)
reading = st.dictionaries(
    st.sampled_from(["value", "temperature_c", "mean", "min", "unit", "section_mm2", "x"]),
    numbers | st.sampled_from(["mm", "Ω/km", "ohm/km", "cm", 95.0, 50.0, 2.5]),
    max_size=4,
)
measurement = st.one_of(
    reading,
    st.lists(reading, max_size=3),
    numbers,
    st.sampled_from(["pass", "fail", "合格", "不合格", "PASS"]),
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(DESIGNATIONS),
    st.dictionaries(
        st.sampled_from(
            [
                "conductor_resistance",
                "insulation_thickness",
                "sheath_thickness",
                "overall_diameter",
                "insulation_tensile_strength",
                "insulation_elongation",
                "voltage_test",
                "marking",
                "flame_test",
                "bunched_flame_test",
            ]
        ),
        measurement,
        max_size=8,
    ),
    st.sampled_from(["zh", "en"]),
)
def test_it_agrees_with_judge_for_any_measurements(
    designation: str, measurements: dict[str, Any], lang: str
) -> None:
    line = json.dumps({"id": "H", "designation": designation, "measurements": measurements})
    written: list[str] = []
    judge_stream([line], written.append, lang=lang)
    assert written == [_reference(line, lang) + "\n"]
