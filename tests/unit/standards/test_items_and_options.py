"""New item kinds, sample options (class, coating, correction), rule editions, manual
judgements: known answers with concrete numbers (issue 10 items 3-6)."""

from __future__ import annotations

from typing import Any

import pytest

from cablewatch.standards import judge, required_items
from cablewatch.standards.checks import (
    AtMost,
    MeanThickness,
    Range,
    Resistance,
    Rule,
    Within,
)
from cablewatch.standards.errors import StandardsError
from cablewatch.standards.model import ConductorMaterial
from cablewatch.standards.resistance import (
    correct_resistance_to_20c,
    table_degree,
    tabulated_factor,
)
from cablewatch.standards.rules import LABELS, Limit


def _item(result: dict[str, Any], name: str) -> dict[str, Any]:
    return next(i for i in result["items"] if i["item"] == name)


def _one(designation: str, rule: str, **measurements: object) -> dict[str, Any]:
    return judge(
        {"designation": designation, "rule": rule, "measurements": measurements}, lang="en"
    )


# --- the rules, one per kind -----------------------------------------------------------------

LIMIT = Limit(None, 2.0)


@pytest.mark.parametrize(
    ("rule", "value", "passed", "reported", "graded"),
    [
        (Rule(), 2.0, True, 2.0, 2.0),
        (Rule(), 1.99, False, 2.0, 1.99),
        (AtMost(), 2.0, True, 2.0, 2.0),
        (AtMost(), 2.01, False, 2.0, 2.01),
        (Within(), -2.0, True, 2.0, 2.0),
        (Within(), 2.0, True, 2.0, 2.0),
        (Within(), -2.01, False, 2.0, 2.01),
        (Within(), 2.01, False, 2.0, 2.01),
        (MeanThickness(), 1.95, True, 2.0, 2.0),
        (MeanThickness(), 1.949, False, 2.0, 1.9),
    ],
)
def test_each_kind_compares_once(
    rule: Rule, value: float, passed: bool, reported: float, graded: float
) -> None:
    got = rule.evaluate(value, {}, LIMIT)
    assert (got[0], got[1], got[3]) == (passed, reported, graded)


def test_range_reports_the_nearer_bound() -> None:
    limit = Limit(None, 3.2, 3.9)
    assert Range().evaluate(3.1, {}, limit) == (False, 3.2, ([3.2, 3.9],), 3.1)
    assert Range().evaluate(3.6, {}, limit) == (True, 3.9, ([3.2, 3.9],), 3.6)
    assert Range().evaluate(3.55, {}, limit)[1] == 3.9
    assert Range().evaluate(4.0, {}, Limit(None, 3.2))[:2] == (True, 3.2)  # no upper bound


def test_resistance_corrects_by_the_named_method() -> None:
    limit = Limit(2.5, 7.41)
    formula = Resistance(ConductorMaterial.COPPER)
    table = Resistance(ConductorMaterial.COPPER, "table")
    # 7.7015 at 30 °C: 7.4103 by 254.5/264.5 (fails), 7.4088 by the table's 0.962 (passes)
    assert formula.evaluate(7.7015, {"temperature_c": 30.0}, limit)[:3] == (
        False,
        7.41,
        (7.41, "formula"),
    )
    assert table.evaluate(7.7015, {"temperature_c": 30.0}, limit)[:3] == (
        True,
        7.41,
        (7.409, "table"),
    )
    assert formula.evaluate(7.41, {}, limit)[0] is True
    aluminium = Resistance(ConductorMaterial.ALUMINIUM)
    assert aluminium.evaluate(1.0, {"temperature_c": 25.0}, Limit(None, 0.98))[3] == 248 / 253


@pytest.mark.parametrize(
    ("degree", "factor"),
    [(0, 1.087), (10, 1.042), (20, 1.0), (23, 0.988), (25, 0.980), (30, 0.962), (40, 0.926)],
)
def test_the_tabulated_factors(degree: int, factor: float) -> None:
    assert tabulated_factor(degree) == factor


def test_the_table_looks_up_the_whole_degree_half_up() -> None:
    assert (table_degree(22.5), table_degree(22.49), table_degree(-0.5)) == (23, 22, -1)
    assert correct_resistance_to_20c(1.0, 29.6, "copper", "table") == 0.962
    with pytest.raises(StandardsError):
        tabulated_factor(41)
    with pytest.raises(StandardsError):
        correct_resistance_to_20c(1.0, 20.0, "copper", "tables")


# --- new items, judged through the whole engine ---------------------------------------------

CATALOGUE = "cablewatch-catalogue"


@pytest.mark.parametrize(
    ("measurement", "value", "item", "result"),
    [
        ("insulation_tensile_variation", -20.0, "insulation_tensile_variation", "pass"),
        ("insulation_tensile_variation", -20.1, "insulation_tensile_variation", "fail"),
        ("insulation_elongation_variation", 19.9, "insulation_elongation_variation", "pass"),
        ("insulation_elongation_variation", 20.5, "insulation_elongation_variation", "fail"),
        ("insulation_tensile_strength_aged", 12.5, "insulation_tensile_strength_aged", "pass"),
        ("insulation_tensile_strength_aged", 12.4, "insulation_tensile_strength_aged", "fail"),
        ("insulation_loss_of_mass", 2.0, "insulation_loss_of_mass", "pass"),
        ("insulation_loss_of_mass", 2.1, "insulation_loss_of_mass", "fail"),
        (
            "insulation_resistance",
            {"value": 0.011, "unit": "MΩ·km"},
            "insulation_resistance",
            "pass",
        ),
        ("insulation_resistance", {"value": 0.009}, "insulation_resistance", "fail"),
    ],
)
def test_pvc_wire_thermal_and_ageing_items(
    measurement: str, value: object, item: str, result: str
) -> None:
    got = _one("BV 450/750V 1×2.5", CATALOGUE, **{measurement: value})
    assert _item(got, item)["result"] == result
    assert got["verdict"] == ("fail" if result == "fail" else "incomplete")
    assert got["failed"] == ([item] if result == "fail" else [])


@pytest.mark.parametrize(
    ("hot_set", "under_load", "permanent"),
    [
        ({"under_load": 175.0, "permanent": 15.0}, "pass", "pass"),
        ({"under_load": 175.5, "permanent": -2.5}, "fail", "pass"),
        ({"under_load": 80, "permanent": 15.5, "unit": "%"}, "pass", "fail"),
        ({"permanent": 5}, "not_tested", "pass"),
    ],
)
def test_xlpe_hot_set_has_two_limits(
    hot_set: dict[str, object], under_load: str, permanent: str
) -> None:
    got = _one("YJV 0.6/1kV 1×240", CATALOGUE, hot_set=hot_set)
    assert _item(got, "hot_set_elongation_under_load")["result"] == under_load
    assert _item(got, "hot_set_permanent_elongation")["result"] == permanent
    assert _item(got, "hot_set_permanent_elongation")["limit"] == 15.0


def test_shrinkage_structure_and_sheath_items() -> None:
    got = _one(
        "YJV 0.6/1kV 1×240",
        CATALOGUE,
        insulation_shrinkage=4.0,
        conductor_structure={"wire_count": 33},
        sheath_loss_of_mass=1.6,
        sheath_elongation_variation=-25,
    )
    results = {i["item"]: i["result"] for i in got["items"]}
    assert results["insulation_shrinkage"] == "pass"
    assert results["conductor_wire_count"] == "fail"  # at least 34 wires
    assert results["sheath_loss_of_mass"] == "fail"  # at most 1.5 mg/cm²
    assert results["sheath_elongation_variation"] == "pass"  # ±25 %
    assert sorted(got["failed"]) == ["conductor_wire_count", "sheath_loss_of_mass"]
    wire = _one("RV 450/750V 1×2.5", CATALOGUE, conductor_structure={"wire_diameter": 0.27})
    assert (
        _item(wire, "conductor_wire_diameter")["result"],
        _item(wire, "conductor_wire_diameter")["limit"],
    ) == ("fail", 0.26)


@pytest.mark.parametrize(
    ("measurements", "zh", "en"),
    [
        (
            {"hot_set": {"permanent": -101}},
            "measurements.hot_set.permanent: 必须是 ≥ -100 的数 (%)",
            "measurements.hot_set.permanent: must be a number ≥ -100 (%)",
        ),
        (
            {"hot_set": {"unit": "%"}},
            "measurements.hot_set: 至少需要 permanent 或 under_load",
            "measurements.hot_set: needs permanent or under_load",
        ),
        (
            {"conductor_structure": {"wire_count": 7.5}},
            "measurements.conductor_structure.wire_count: 必须是 ≥ 0 的整数",
            "measurements.conductor_structure.wire_count: must be a whole number ≥ 0",
        ),
        (
            {"insulation_resistance": {"value": 1, "unit": "Ω"}},
            "measurements.insulation_resistance.unit: 单位必须是 MΩ·km",
            "measurements.insulation_resistance.unit: unit must be MΩ·km",
        ),
        (
            {"insulation_tensile_variation": "-5"},
            "measurements.insulation_tensile_variation: 必须是 ≥ -100 的数 (%)",
            "measurements.insulation_tensile_variation: must be a number ≥ -100 (%)",
        ),
        (
            {"core_identification": "ok"},
            'measurements.core_identification: 必须是 "pass" 或 "fail"',
            'measurements.core_identification: must be "pass" or "fail"',
        ),
    ],
)
def test_new_shapes_word_their_problems_in_both_languages(
    measurements: dict[str, object], zh: str, en: str
) -> None:
    sample = {"designation": "YJV 0.6/1kV 1×240", "rule": CATALOGUE, "measurements": measurements}
    assert judge(sample)["errors"] == [zh]
    assert judge(sample, lang="en")["errors"] == [en]


def test_every_item_has_both_labels() -> None:
    assert all(zh and en and zh != en for zh, en in LABELS.values())
    for item in required_items("YJV22 0.6/1kV 3×95+1×50", rule=CATALOGUE):
        assert item.item in LABELS


# --- sample options: conductor class, coating, correction ------------------------------------

BV = "BV 450/750V 1×2.5"


def test_the_conductor_class_of_the_sample_changes_the_limit() -> None:
    plain = judge({"designation": BV, "measurements": {"conductor_resistance": {"value": 7.6}}})
    assert _item(plain, "conductor_resistance")["result"] == "fail"  # class 1: ≤ 7.41
    flexible = judge(
        {
            "designation": BV,
            "conductor_class": 5,
            "measurements": {"conductor_resistance": {"value": 7.6}},
        }
    )
    item = _item(flexible, "conductor_resistance")
    assert (item["result"], item["limit"], flexible["designation"]["conductor_class"]) == (
        "pass",
        7.98,
        5,
    )


def test_a_tinned_conductor_has_the_coated_limit() -> None:
    sample = {"designation": BV, "measurements": {"conductor_resistance": {"value": 7.5}}}
    assert _item(judge(sample), "conductor_resistance")["limit"] == 7.41
    tinned = judge({**sample, "coating": "tinned"})
    assert (
        _item(tinned, "conductor_resistance")["limit"],
        _item(tinned, "conductor_resistance")["result"],
    ) == (7.56, "pass")


def test_the_correction_method_is_named_and_can_flip_a_result_at_the_limit() -> None:
    reading = {"conductor_resistance": {"value": 7.7015, "temperature_c": 30.0}}
    by_formula = _item(judge({"designation": BV, "measurements": reading}), "conductor_resistance")
    by_table = _item(
        judge({"designation": BV, "correction": "table", "measurements": reading}),
        "conductor_resistance",
    )
    assert (by_formula["result"], by_formula["correction"], by_formula["value_20c"]) == (
        "fail",
        "formula",
        7.41,
    )
    assert (by_table["result"], by_table["correction"], by_table["value_20c"]) == (
        "pass",
        "table",
        7.409,
    )


def test_the_table_method_refuses_a_temperature_it_has_no_factor_for() -> None:
    sample = {
        "designation": BV,
        "correction": "table",
        "measurements": {"conductor_resistance": {"value": 7.0, "temperature_c": 45.0}},
    }
    got = judge(sample, lang="en")
    assert got["verdict"] == "error"
    assert got["errors"] == [
        "measurements.conductor_resistance.temperature_c:"
        " must be from 0 to 40 °C for the tabulated factors"
    ]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("conductor_class", 3, "conductor_class: must be 1, 2, 5 or 6"),
        ("conductor_class", True, "conductor_class: must be 1, 2, 5 or 6"),
        ("coating", "silver", 'coating: must be "plain" or "tinned"'),
        ("correction", "linear", 'correction: must be "formula" or "table"'),
    ],
)
def test_bad_options_are_named(key: str, value: object, message: str) -> None:
    got = judge({"designation": BV, key: value}, lang="en")
    assert (got["verdict"], got["errors"], got["items"]) == ("error", [message], [])


# --- rule editions -----------------------------------------------------------------------------

COMPLETE_BV: dict[str, object] = {
    "conductor_resistance": {"value": 7.3},
    "insulation_thickness": {"mean": 0.82, "min": 0.7},
    "overall_diameter": {"mean": 3.5},
    "insulation_tensile_strength": 15.0,
    "insulation_elongation": 180,
    "voltage_test": "pass",
    "flame_test": "pass",
    "marking": "pass",
}


def test_an_edition_adds_and_drops_items() -> None:
    national = [i.item for i in required_items("RV 450/750V 1×2.5")]
    yunnan = [i.item for i in required_items("RV 450/750V 1×2.5", rule="yunnan-pvc")]
    assert "insulation_tensile_strength" in national and "conductor_wire_diameter" not in national
    assert "insulation_tensile_strength" not in yunnan and "flame_test" not in yunnan
    assert "conductor_wire_diameter" in yunnan
    # a provincial PVC rule leaves power cables on the national list
    power = "YJV 0.6/1kV 3×95+1×50"
    assert required_items(power, rule="yunnan-pvc") == required_items(power)
    with pytest.raises(StandardsError):
        required_items(BV, rule="atlantis-2030")


def test_incomplete_follows_the_edition() -> None:
    sample: dict[str, object] = {"designation": BV, "measurements": COMPLETE_BV}
    assert judge(sample)["verdict"] == "pass"
    assert judge(sample)["rule"] == "national-2024"
    assert judge({**sample, "rule": "shaanxi-pvc"})["verdict"] == "incomplete"
    lean = dict(COMPLETE_BV)
    del lean["insulation_tensile_strength"], lean["flame_test"]
    assert judge({"designation": BV, "measurements": lean})["verdict"] == "incomplete"
    got = judge({"designation": BV, "rule": "yunnan-pvc", "measurements": lean})
    assert (got["verdict"], got["rule"]) == ("pass", "yunnan-pvc")


# --- manual judgements -----------------------------------------------------------------------

YC = "YC 450/750V 3×2.5"  # rubber: the GB/T 5013.4 tables are not encoded
HAND = {"result": "pass", "clause": "GB/T 5013.4-2008 表2", "reason": "平均 1.02 mm ≥ 1.0 mm"}


def test_a_hand_judgement_of_an_unencoded_item_counts_and_says_so() -> None:
    sample = {
        "designation": YC,
        "measurements": {"insulation_thickness": {"mean": 1.02, "min": 0.9}},
        "manual": {"insulation_thickness_mean": HAND},
    }
    got = judge(sample, lang="en")
    item = _item(got, "insulation_thickness_mean")
    assert (item["result"], item["judged_by"], item["manual"]) == ("pass", "hand", HAND)
    assert item["measured"] == 1.02
    # the smallest reading is measured but not judged: still an error
    assert got["verdict"] == "error"
    assert got["errors"] == [
        "insulation_thickness_min: requirement table not encoded: GB/T 5013.4-2008 (60245 IEC 66)"
    ]
    failing = {**HAND, "result": "fail"}
    sample["manual"] = {"insulation_thickness_mean": failing, "insulation_thickness_min": HAND}
    got = judge(sample, lang="en")
    assert (got["verdict"], got["failed"]) == ("fail", ["insulation_thickness_mean"])
    # graded on a deviation, which a hand judgement does not have: the "otherwise" grade
    assert _item(got, "insulation_thickness_mean")["severity"] == "general"


def test_a_hand_judgement_of_an_item_the_engine_judges_is_refused() -> None:
    sample = {
        "designation": BV,
        "measurements": COMPLETE_BV,
        "manual": {"conductor_resistance": HAND, "halogen_acid": HAND},
    }
    got = judge(sample, lang="en")
    assert got["verdict"] == "error"
    assert got["errors"] == [
        "manual.conductor_resistance: the engine judges this item (its requirement is encoded);"
        " a manual judgement is refused",
        "manual.halogen_acid: not a required item of this designation under this rule edition",
    ]
    assert "judged_by" not in _item(got, "conductor_resistance")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("pass", "manual.sheath_thickness_mean: must be an object"),
        ({**HAND, "result": "ok"}, 'manual.sheath_thickness_mean.result: must be "pass" or "fail"'),
        ({**HAND, "clause": " "}, "manual.sheath_thickness_mean.clause: must be a non-empty text"),
        (
            {"result": "pass", "clause": "x"},
            "manual.sheath_thickness_mean.reason: must be a non-empty text",
        ),
        ({**HAND, "by": "me"}, "manual.sheath_thickness_mean.by: unknown field"),
    ],
)
def test_a_hand_judgement_needs_a_result_a_clause_and_a_reason(entry: object, message: str) -> None:
    got = judge({"designation": YC, "manual": {"sheath_thickness_mean": entry}}, lang="en")
    assert got["errors"] == [message]
    assert got["verdict"] == "error"
