"""The lab's entry fields follow the designation's work list, with one row per section."""

from __future__ import annotations

import pytest

from cablewatch.spotcheck.entry import (
    entry_fields,
    implausible,
    measurements_from_values,
    place_problems,
    read_entry,
    values_from_measurements,
)
from cablewatch.spotcheck.instrument import read_csv
from cablewatch.standards import parse_designation, required_items

YJV = [i.to_json() for i in required_items(parse_designation("YJV 0.6/1kV 3×95+1×50"))]


def test_a_cable_with_two_core_sizes_gets_a_reading_per_section() -> None:
    names = {f.name for f in entry_fields(YJV)}
    assert {"conductor_resistance.95.value", "conductor_resistance.50.value"} <= names
    assert {"sheath_thickness.mean", "voltage_test"} <= names


def test_values_become_the_engine_measurements_and_back() -> None:
    fields = entry_fields(YJV)
    values = {
        "conductor_resistance.95.value": "0.19",
        "conductor_resistance.50.value": "0,38",
        "voltage_test": "pass",
        "insulation_tensile_strength": "15",
    }
    measurements = measurements_from_values(fields, values)
    assert measurements["conductor_resistance"] == [
        {"section_mm2": 95.0, "value": 0.19},
        {"section_mm2": 50.0, "value": 0.38},
    ]
    assert values_from_measurements(fields, measurements)["conductor_resistance.50.value"] == "0.38"


def test_it_refuses_text_where_a_number_is_due_beside_the_field_keeping_the_text() -> None:
    # Pinned behaviour changed (issue 11 item 3): no exception that loses every typed value;
    # the problem is put beside its field and the text is kept.
    entry = read_entry(entry_fields(YJV), {"insulation_elongation": "lots", "marking": "pass"})
    assert set(entry.errors) == {"insulation_elongation"}
    assert entry.values["insulation_elongation"] == "lots"
    assert entry.measurements == {"marking": "pass"}


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1,2,3", "7.2 Ω"])
def test_what_is_not_a_finite_number_is_refused(text: str) -> None:
    entry = read_entry(entry_fields(YJV), {"insulation_elongation": text})
    assert "insulation_elongation" in entry.errors and not entry.measurements


def test_a_typographic_minus_and_a_decimal_comma_are_read_as_typed() -> None:
    entry = read_entry(entry_fields(YJV), {"insulation_tensile_strength": "−7,2"})
    assert entry.measurements == {"insulation_tensile_strength": -7.2}


def test_a_reading_no_cable_gives_is_implausible() -> None:
    problems = implausible({"insulation_thickness": [{"section_mm2": 95.0, "mean": 1e308}]})
    assert [p for p, _ in problems] == ["measurements.insulation_thickness[0].mean"]
    assert implausible({"insulation_thickness": {"mean": 499.0}, "marking": "pass"}) == []


def test_the_engine_paths_land_beside_their_fields() -> None:
    fields = entry_fields(YJV)
    values = {
        "insulation_thickness.95.mean": "1.2",
        "insulation_thickness.95.min": "1.3",
        "insulation_thickness.50.mean": "1.1",
        "conductor_resistance.50.value": "0.3",
    }
    entry = read_entry(fields, values)
    place_problems(
        fields,
        entry,
        [
            ("measurements.insulation_thickness[0].min", "不能大于 mean"),
            ("measurements.conductor_resistance[0].temperature_c", "必须是 -50 到 150 之间的数"),
            ("designation", "无法识别"),
        ],
    )
    assert entry.errors["insulation_thickness.95.min"] == "不能大于 平均值"  # no raw key
    # the 50 mm² resistance is the first (index 0) element of the list as built
    assert set(entry.errors) == {
        "insulation_thickness.95.min",
        "conductor_resistance.50.temperature_c",
    }
    assert entry.general == ["无法识别"]


def test_a_csv_without_known_columns_is_reported_column_by_column() -> None:
    # Pinned behaviour changed (issue 11 item 3): not refused whole, every column reported.
    read = read_csv(b"a,b\n1,2\n", entry_fields(YJV))
    assert [c.header for c in read.unused] == ["a", "b"] and read.rows == {None: {}}
    read = read_csv(b"\xef\xbb\xbffield,value\nmarking,pass\n", entry_fields(YJV))
    assert read.rows == {None: {"marking": "pass"}}


def test_the_new_items_of_a_rule_edition_get_fields_with_units_and_limits() -> None:
    from cablewatch.spotcheck.entry import Entry, limit_text, rows
    from cablewatch.spotcheck.services.results import work_list

    items = work_list("YJV 0.6/1kV 3×95+1×50", rule="cablewatch-catalogue")
    fields = {f.name: f for f in entry_fields(items)}
    hot = fields["hot_set.under_load"]
    assert hot.unit == "%" and hot.items == ("hot_set_elongation_under_load",)
    assert hot.label == "绝缘热延伸 · 负荷下伸长率"
    assert fields["conductor_structure.95.wire_count"].unit == ""
    assert "conductor_structure.95.wire_diameter" not in fields  # no item is judged on it
    assert fields["sheath_loss_of_mass"].unit == "mg/cm²"
    by_item = {i["item"]: i for i in items}
    assert limit_text(by_item["hot_set_elongation_under_load"], None, "%") == "≤ 175 %"
    assert limit_text(by_item["insulation_tensile_variation"], None, "%") == "±25 %"
    entry = read_entry(list(fields.values()), {"insulation_tensile_variation": "-30"})
    assert entry.measurements == {"insulation_tensile_variation": -30.0} and entry.ok
    shown = rows(list(fields.values()), items, Entry(values={}), None)
    limits = {r.field.name: r.limits for r in shown}
    assert limits["conductor_structure.95.wire_count"] == ["≥ 15"]
    assert limits["insulation_shrinkage"] == ["≤ 4 %"]
