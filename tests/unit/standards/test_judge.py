"""The verdict: worked cases, contract details, properties and bad input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablewatch.standards import (
    SchemeError,
    judge,
    load_severity_scheme,
    required_items,
)
from cablewatch.standards.judge import round_mean_thickness

FIXTURE = Path(__file__).parent / "fixtures" / "worked_cases.jsonl"
CASES = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line]

CONTRACT_SAMPLE: dict[str, Any] = {
    "id": "S-0001",
    "designation": "BV 450/750V 1×2.5",
    "measurements": {
        "conductor_resistance": {"value": 7.62, "temperature_c": 23.0},
        "insulation_thickness": {"mean": 0.80, "min": 0.70},
        "overall_diameter": {"mean": 3.6},
        "insulation_tensile_strength": 15.1,
        "insulation_elongation": 180,
        "voltage_test": "pass",
        "flame_test": "pass",
        "marking": "pass",
    },
}


def test_it_has_at_least_forty_worked_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c["sample"]["id"] for c in CASES])
def test_it_judges_each_worked_case_as_hand_checked(case: dict[str, Any]) -> None:
    result = judge(case["sample"], lang="en")
    expect = case["expect"]
    assert result["verdict"] == expect["verdict"], (case["note"], result["errors"])
    assert sorted(result["failed"]) == sorted(expect["failed"]), case["note"]
    severities = {i["item"]: i["severity"] for i in result["items"]}
    for item, severity in expect["severity"].items():
        assert severities[item] == severity, (case["note"], item)
    json.dumps(result)


def test_it_fails_the_xian_undersized_conductor_as_serious() -> None:
    case = next(c for c in CASES if c["sample"]["id"] == "XIAN-2017")
    result = judge(case["sample"])
    item = next(i for i in result["items"] if i["item"] == "conductor_resistance")
    assert (result["verdict"], item["result"], item["severity"]) == ("fail", "fail", "serious")
    assert item["limit"] == 0.193 and item["value_20c"] == 0.268


def test_it_answers_the_contract_example_in_full() -> None:
    result = judge(CONTRACT_SAMPLE)
    assert result["id"] == "S-0001"
    assert result["designation"]["family"] == "BV"
    assert result["verdict"] == "fail" and result["failed"] == ["conductor_resistance"]
    item = next(i for i in result["items"] if i["item"] == "conductor_resistance")
    assert item == item | {
        "result": "fail",
        "severity": "general",
        "measured": 7.62,
        "value_20c": 7.531,
        "limit": 7.41,
        "requirement": "导体电阻(20 °C) ≤ 7.41 Ω/km",
        "requirement_en": "conductor resistance at 20 °C ≤ 7.41 Ω/km",
        "clause": "GB/T 3956-2008 表1",
    }


def test_it_writes_requirements_in_english_when_asked() -> None:
    result = judge(CONTRACT_SAMPLE, lang="en")
    assert all(i["requirement"] == i["requirement_en"] for i in result["items"])
    bad = judge(
        {
            "designation": "BV 2.5",
            "measurements": {"insulation_thickness": [{"section_mm2": 2.5, "min": -1}]},
        },
        lang="en",
    )
    assert "measurements.insulation_thickness[0].min: must be a number ≥ 0" in bad["errors"]


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(1.74, 1.7), (1.75, 1.8), (0.75, 0.8), (0.65, 0.7), (2.05, 2.1), (0.849, 0.8)],
)
def test_it_rounds_mean_thickness_half_up_in_decimal(value: float, rounded: float) -> None:
    assert round_mean_thickness(value) == rounded


def test_it_says_which_standard_is_missing_instead_of_passing() -> None:
    # KVV insulation is encoded (LOW); its sheath (GB/T 9330) is not, so a measured sheath
    # cannot be judged
    measured = {"sheath_thickness": {"mean": 1.5, "min": 1.3}}
    result = judge({"designation": "KVV 450/750V 4×1.5", "measurements": measured}, lang="en")
    assert result["verdict"] == "error"
    assert any("requirement table not encoded: GB/T 9330" in e for e in result["errors"])


def test_it_lists_required_items_with_texts_and_limits() -> None:
    items = {i.item: i for i in required_items("RVV 300/500V 3×1.5")}
    assert {"sheath_thickness_mean", "overall_diameter_mean", "flame_test"} <= items.keys()
    assert items["insulation_thickness_min"].limits[0].value == 0.53
    assert items["sheath_thickness_min"].limits[0].value == 0.665
    assert "0.53" in items["insulation_thickness_min"].requirement_en
    assert json.dumps([i.to_json() for i in items.values()], ensure_ascii=False)


def test_it_grades_with_a_province_scheme() -> None:
    strict = load_severity_scheme(
        {"items": {"conductor_resistance": {"kind": "fixed", "severity": "serious"}}}
    )
    result = judge(CONTRACT_SAMPLE, scheme=strict)
    item = next(i for i in result["items"] if i["item"] == "conductor_resistance")
    assert item["severity"] == "serious"


@pytest.mark.parametrize(
    "scheme",
    [
        [],
        {"items": []},
        {"items": {"nonsense": {"kind": "fixed", "severity": "serious"}}},
        {"items": {"marking": {"kind": "fixed", "severity": "A"}}},
        {
            "items": {
                "marking": {
                    "kind": "graded",
                    "otherwise": "general",
                    "thresholds": [{"severity": "serious"}],
                }
            }
        },
    ],
)
def test_it_rejects_malformed_severity_schemes(scheme: object) -> None:
    with pytest.raises(SchemeError):
        load_severity_scheme(scheme)  # type: ignore[arg-type]


def test_it_loads_a_severity_scheme_from_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "scheme.json"
    path.write_text(json.dumps({"items": {"marking": {"kind": "fixed", "severity": "serious"}}}))
    assert load_severity_scheme(str(path)).grade("marking", None, None, "copper").value == "serious"


# --- properties ----------------------------------------------------------------------------

PASSING = CASES[0]["sample"]


@given(st.floats(min_value=0, max_value=50, allow_nan=False), st.floats(min_value=0, max_value=5))
def test_it_never_turns_a_fail_into_a_pass_when_resistance_rises(
    value: float, extra: float
) -> None:
    low = copy.deepcopy(PASSING)
    low["measurements"]["conductor_resistance"]["value"] = value
    high = copy.deepcopy(low)
    high["measurements"]["conductor_resistance"]["value"] = value + extra
    if judge(low)["verdict"] == "fail":
        assert judge(high)["verdict"] == "fail"


@given(
    st.floats(min_value=0, max_value=3, allow_nan=False),
    st.floats(min_value=0, max_value=1),
    st.sampled_from(["mean", "min"]),
)
def test_it_never_turns_a_fail_into_a_pass_when_thickness_falls(
    value: float, less: float, key: str
) -> None:
    thick = copy.deepcopy(PASSING)
    other = "min" if key == "mean" else "mean"
    thick["measurements"]["insulation_thickness"] = {key: value, other: value}
    thin = copy.deepcopy(thick)
    thin["measurements"]["insulation_thickness"] = {key: max(0.0, value - less), other: value}
    if key == "mean":
        thin["measurements"]["insulation_thickness"]["min"] = max(0.0, value - less)
    if judge(thick)["verdict"] == "fail":
        assert judge(thin)["verdict"] == "fail"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
measurement_keys = st.sampled_from(
    [
        "conductor_resistance",
        "insulation_thickness",
        "sheath_thickness",
        "overall_diameter",
        "insulation_elongation",
        "marking",
        "x",
    ]
)


@settings(max_examples=300)
@given(
    st.one_of(
        json_values,
        st.fixed_dictionaries(
            {
                "designation": st.sampled_from(
                    ["BV 2.5", "YJV 0.6/1kV 3×95+1×50", "RVV 300/500V 3×1.5"]
                )
                | st.text(max_size=10),
                "measurements": st.dictionaries(measurement_keys, json_values, max_size=4),
            }
        ),
    )
)
def test_it_never_raises_for_any_json(sample: object) -> None:
    result = judge(sample)  # type: ignore[arg-type]
    assert result["verdict"] in {"pass", "fail", "incomplete", "error"}
    json.dumps(result, allow_nan=False)
    assert not any(e.startswith("internal error") for e in result["errors"])  # type: ignore[union-attr]
