"""Verdict precedence (issue 10 item 7), one known answer per branch.

fail if any measured item fails; else error if a measured item cannot be judged (its
requirement is not encoded) or the input is bad; else incomplete if any required item is
missing (encoded or not); else pass. A required item that was not measured never makes
the sample error.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cablewatch.standards import judge
from cablewatch.standards.checks import FAIL, INCOMPLETE, PASS, UNJUDGED, sample_verdict

YC = "YC 450/750V 3×2.5"
GBT5013 = "GB/T 5013.4-2008 (60245 IEC 66)"
BV_COMPLETE: dict[str, Any] = {
    "id": "P-1",
    "designation": "BV 450/750V 1×2.5",
    "measurements": {
        "conductor_resistance": {"value": 7.3, "temperature_c": 20.0},
        "insulation_thickness": {"mean": 0.82, "min": 0.7},
        "overall_diameter": {"mean": 3.5},
        "insulation_tensile_strength": 15.0,
        "insulation_elongation": 180,
        "voltage_test": "pass",
        "flame_test": "pass",
        "marking": "pass",
    },
}


def _bv(**changes: object) -> dict[str, Any]:
    sample = copy.deepcopy(BV_COMPLETE)
    for key, value in changes.items():
        if value is None:
            del sample["measurements"][key]
        else:
            sample["measurements"][key] = value
    return sample


@pytest.mark.parametrize(
    ("statuses", "bad", "verdict"),
    [
        ([PASS, PASS], False, "pass"),
        ([PASS, INCOMPLETE], False, "incomplete"),
        ([INCOMPLETE, UNJUDGED], False, "error"),
        ([PASS, PASS], True, "error"),
        ([UNJUDGED, FAIL, INCOMPLETE], True, "fail"),
        ([], False, "pass"),
    ],
)
def test_the_precedence_table(statuses: list[object], bad: bool, verdict: str) -> None:
    assert sample_verdict(statuses, bad) == verdict


def test_a_complete_conforming_sample_passes() -> None:
    result = judge(BV_COMPLETE, lang="en")
    assert (result["verdict"], result["failed"], result["errors"]) == ("pass", [], [])


def test_a_measured_failure_wins_over_bad_input_and_unjudged_items() -> None:
    # YC (rubber): the resistance is encoded (class 5 Cu 2.5 mm² ≤ 7.98 Ω/km), the
    # insulation thickness (GB/T 5013.4) is not
    sample = {
        "designation": YC,
        "measurements": {
            "conductor_resistance": {"value": 8.5},
            "insulation_thickness": {"mean": 1.0, "min": 0.9},
            "marking": "PASS?",
        },
    }
    result = judge(sample, lang="en")
    assert result["verdict"] == "fail"
    assert result["failed"] == ["conductor_resistance"]
    assert result["errors"] == [
        'measurements.marking: must be "pass" or "fail"',
        f"insulation_thickness_mean: requirement table not encoded: {GBT5013}",
        f"insulation_thickness_min: requirement table not encoded: {GBT5013}",
    ]


def test_a_measured_item_without_a_requirement_is_an_error() -> None:
    sample = {
        "designation": YC,
        "measurements": {"conductor_resistance": {"value": 7.0}, "voltage_test": "pass"},
    }
    assert judge(sample)["verdict"] == "incomplete"
    sample["measurements"]["insulation_thickness"] = {"mean": 0.8}  # type: ignore[index]
    result = judge(sample, lang="en")
    assert result["verdict"] == "error"
    assert result["errors"] == [
        f"insulation_thickness_mean: requirement table not encoded: {GBT5013}"
    ]
    item = next(i for i in result["items"] if i["item"] == "insulation_thickness_mean")
    assert (item["result"], item["measured"]) == ("not_tested", 0.8)


def test_bad_input_without_a_failure_is_an_error() -> None:
    result = judge(_bv(overall_diameter={"mean": -3.5}), lang="en")
    assert result["verdict"] == "error"
    assert result["errors"] == ["measurements.overall_diameter.mean: must be a number ≥ 0"]
    # the rest is still judged, and the bad measurement is not
    items = {i["item"]: i["result"] for i in result["items"]}
    assert items["overall_diameter_mean"] == "not_tested"
    assert items["conductor_resistance"] == "pass"


def test_a_missing_item_is_incomplete_encoded_or_not() -> None:
    assert judge(_bv(voltage_test=None))["verdict"] == "incomplete"
    # YC with nothing measured: items unencoded or missing, none measured
    result = judge({"designation": YC}, lang="en")
    assert (result["verdict"], result["errors"]) == ("incomplete", [])
