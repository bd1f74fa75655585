"""Exact field-named problems in both languages, and what is judged beside them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cablewatch.standards import StandardsError, correct_resistance_to_20c, judge
from cablewatch.standards.batch import judge_text

YJV = "YJV 0.6/1kV 3×95+1×50"


def _errors(measurements: dict[str, Any], designation: str = YJV) -> tuple[list[str], list[str]]:
    sample = {"designation": designation, "measurements": measurements}
    return judge(sample)["errors"], judge(sample, lang="en")["errors"]  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("measurements", "zh", "en"),
    [
        (
            {"insulation_thickness": [1, {"section_mm2": 95, "mean": 1.2}, "x"]},
            [
                "measurements.insulation_thickness[0]: 必须是对象",
                "measurements.insulation_thickness[2]: 必须是对象",
            ],
            [
                "measurements.insulation_thickness[0]: must be an object",
                "measurements.insulation_thickness[2]: must be an object",
            ],
        ),
        (
            {"insulation_thickness": [{"section_mm2": 70, "mean": 1.2}]},
            ["measurements.insulation_thickness[0].section_mm2: 型号中没有此截面 (有: 95, 50 mm²)"],
            [
                "measurements.insulation_thickness[0].section_mm2:"
                " not a cross-section of the designation (95, 50 mm²)"
            ],
        ),
        (
            {
                "conductor_resistance": [
                    {"section_mm2": 95, "value": 0.19},
                    {"section_mm2": 95, "value": 0.18},
                ]
            },
            ["measurements.conductor_resistance[1].section_mm2: 截面重复"],
            ["measurements.conductor_resistance[1].section_mm2: repeats a cross-section"],
        ),
        (
            {"conductor_resistance": {"value": 0.19}},
            ["measurements.conductor_resistance: 导体截面不止一种 (95, 50 mm²), 请按截面给出列表"],
            [
                "measurements.conductor_resistance: the cable has several cross-sections"
                " (95, 50 mm²); give a list with section_mm2"
            ],
        ),
        (
            {"conductor_resistance": []},
            ["measurements.conductor_resistance: 必须是对象或非空列表"],
            ["measurements.conductor_resistance: must be an object or a non-empty list"],
        ),
        (
            {"sheath_thickness": [{"mean": 2.0}]},
            ["measurements.sheath_thickness: 必须是对象"],
            ["measurements.sheath_thickness: must be an object"],
        ),
        (
            {"insulation_thickness": [{"mean": 1.2}]},
            ["measurements.insulation_thickness[0].section_mm2: 列表中的每项都需要截面"],
            ["measurements.insulation_thickness[0].section_mm2: is missing (needed in a list)"],
        ),
        (
            {"insulation_thickness": [{"section_mm2": -95, "mean": 1.2}]},
            ["measurements.insulation_thickness[0].section_mm2: 必须是 ≥ 0 的数"],
            ["measurements.insulation_thickness[0].section_mm2: must be a number ≥ 0"],
        ),
        (
            {"conductor_resistance": [{"section_mm2": 95}]},
            ["measurements.conductor_resistance[0].value: 缺少"],
            ["measurements.conductor_resistance[0].value: is missing"],
        ),
        (
            {"sheath_thickness": {"mean": 2.0, "min": 2.1, "x": 1}},
            [
                "measurements.sheath_thickness.x: 未知字段",
                "measurements.sheath_thickness.min: 不能大于 mean",
            ],
            [
                "measurements.sheath_thickness.x: unknown field",
                "measurements.sheath_thickness.min: must not exceed mean",
            ],
        ),
        (
            {"sheath_thickness": {"unit": "cm"}},
            [
                "measurements.sheath_thickness.unit: 单位必须是 mm",
                "measurements.sheath_thickness: 至少需要 mean 或 min",
            ],
            [
                "measurements.sheath_thickness.unit: unit must be mm",
                "measurements.sheath_thickness: needs mean or min",
            ],
        ),
        (
            {"voltage_test": 1, "nonsense": 2, "insulation_elongation": True},
            [
                'measurements.voltage_test: 必须是 "pass" 或 "fail"',
                "measurements.nonsense: 未知的测量项",
                "measurements.insulation_elongation: 必须是 ≥ 0 的数",
            ],
            [
                'measurements.voltage_test: must be "pass" or "fail"',
                "measurements.nonsense: unknown measurement",
                "measurements.insulation_elongation: must be a number ≥ 0",
            ],
        ),
    ],
)
def test_problems_are_named_in_both_languages(
    measurements: dict[str, Any], zh: list[str], en: list[str]
) -> None:
    assert _errors(measurements) == (zh, en)


def test_a_measurements_value_that_is_not_an_object_is_named() -> None:
    assert _errors([1])[1] == ["measurements: must be an object"]  # type: ignore[arg-type]
    assert _errors([1])[0] == ["measurements: 必须是对象"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("temperature", "ok"),
    [
        (-50, True),
        (-50.0, True),
        (150, True),
        (150.0, True),
        (-50.1, False),
        (150.5, False),
        (True, False),
        ("20", False),
    ],
)
def test_the_temperature_bounds(temperature: object, ok: bool) -> None:
    sample = {
        "designation": "BV 450/750V 1×2.5",
        "measurements": {"conductor_resistance": {"value": 7.0, "temperature_c": temperature}},
    }
    errors = judge(sample, lang="en")["errors"]
    if ok:
        assert errors == []
    else:
        assert errors == [
            "measurements.conductor_resistance.temperature_c: must be a number from -50 to 150 (°C)"
        ]


def test_a_list_with_a_problem_is_not_judged_and_the_rest_is() -> None:
    sample = {
        "designation": YJV,
        "measurements": {
            "conductor_resistance": [
                {"section_mm2": 95, "value": 0.5},
                {"section_mm2": 50, "value": -1},
            ],
            "insulation_thickness": [
                {"section_mm2": 95, "mean": 1.1, "min": 1.0},
                {"section_mm2": 50, "mean": 1.0, "min": 0.9},
            ],
        },
    }
    got = judge(sample, lang="en")
    results = {i["item"]: i["result"] for i in got["items"]}
    assert results["conductor_resistance"] == "not_tested"  # 0.5 would fail, but the list is bad
    assert results["insulation_thickness_mean"] == "pass"
    assert got["verdict"] == "error"


def test_a_listed_measurement_of_an_unencoded_item_is_unjudged() -> None:
    sample = {
        "designation": "YC 450/750V 2×2.5+1×1.5",
        "measurements": {
            "insulation_thickness": [
                {"section_mm2": 1.5, "min": 0.5},
                {"section_mm2": 2.5, "mean": 0.9},
            ]
        },
    }
    got = judge(sample, lang="en")
    item = next(i for i in got["items"] if i["item"] == "insulation_thickness_mean")
    assert (item["result"], item["measured"], got["verdict"]) == ("not_tested", 0.9, "error")


def test_the_batch_writes_range_and_resistance_extras_as_json_dumps_does() -> None:
    samples = [
        {"designation": "BV 450/750V 1×2.5", "measurements": {"overall_diameter": {"mean": 3.0}}},
        {"designation": "BV 450/750V 1×2.5", "measurements": {"overall_diameter": {"mean": 3.6}}},
        {
            "designation": "BV 450/750V 1×2.5",
            "correction": "table",
            "measurements": {"conductor_resistance": {"value": 7.62, "temperature_c": 23}},
        },
        {
            "designation": "BV 450/750V 1×2.5",
            "measurements": {"conductor_resistance": {"value": 1.7e308, "temperature_c": -40}},
        },
        {
            "designation": YJV,
            "measurements": {
                "conductor_resistance": [
                    {"section_mm2": 95, "value": 0.19, "temperature_c": 25},
                    {"section_mm2": 50, "value": 0.4, "temperature_c": 25},
                ]
            },
        },
    ]
    for sample in samples:
        out, _ = judge_text(json.dumps(sample, ensure_ascii=False), lang="en")
        assert out == [json.dumps(judge(sample, lang="en"), ensure_ascii=False)]
    diameter = json.loads(judge_text(json.dumps(samples[0]))[0][0])["items"]
    od = next(i for i in diameter if i["item"] == "overall_diameter_mean")
    assert od["limits"] == [3.2, 3.9] and od["limit"] == 3.2
    text = judge_text(json.dumps(samples[3]))[0][0]
    assert '"value_20c": Infinity, "correction": "formula"' in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((1.0, 20.0, "alloy"), "no temperature correction for material 'alloy'"),
        ((float("inf"), 20.0, "copper"), "resistance and temperature must be finite numbers"),
        ((1.0, float("nan"), "copper"), "resistance and temperature must be finite numbers"),
        ((1.0, 150.5, "copper"), "temperature 150.5 °C outside -50.0..150 °C"),
        ((1.0, -50.5, "copper"), "temperature -50.5 °C outside -50.0..150 °C"),
    ],
)
def test_correction_refusals_say_why(args: tuple[float, float, str], message: str) -> None:
    with pytest.raises(StandardsError) as raised:
        correct_resistance_to_20c(*args)
    assert str(raised.value) == message


def test_correction_at_the_bounds_and_by_table() -> None:
    assert correct_resistance_to_20c(1.0, -50.0, "copper") == 254.5 / 184.5
    assert correct_resistance_to_20c(1.0, 150.0, "aluminium") == 248 / 378
    assert correct_resistance_to_20c(2.0, 40.0, "copper", "table") == 2 * 0.926
    assert correct_resistance_to_20c(2.0, 0.0, "aluminium", "table") == 2 * 1.087
    with pytest.raises(StandardsError):
        correct_resistance_to_20c(1.0, 40.5, "copper", "table")


def test_a_null_measurement_is_skipped_and_the_next_ones_read() -> None:
    sample = {
        "designation": "BV 450/750V 1×2.5",
        "measurements": {"voltage_test": None, "marking": "fail", "insulation_elongation": 100},
    }
    got = judge(sample, lang="en")
    assert sorted(got["failed"]) == ["insulation_elongation", "marking"]
    single = {"designation": "BV 450/750V 1×2.5", "measurements": {"sheath_thickness": None}}
    assert judge(single)["errors"] == []


@pytest.mark.parametrize(
    ("value", "ok"),
    [(0, True), (0.0, True), (1, True), (float("inf"), False), (-1, False), (-0.5, False)],
)
def test_zero_is_a_reading_and_infinity_is_not(value: float, ok: bool) -> None:
    sample = {
        "designation": "BV 450/750V 1×2.5",
        "measurements": {"overall_diameter": {"mean": value}},
    }
    got = judge(sample, lang="en")
    item = next(i for i in got["items"] if i["item"] == "overall_diameter_mean")
    if ok:
        assert got["errors"] == [] and item["measured"] == float(value)
    else:
        assert got["errors"] == ["measurements.overall_diameter.mean: must be a number ≥ 0"]
        assert item["measured"] is None
