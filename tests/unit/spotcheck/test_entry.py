"""The lab's entry fields follow the designation's work list, with one row per section."""

from __future__ import annotations

import pytest

from cablewatch.base.errors import DomainError
from cablewatch.spotcheck.entry import (
    entry_fields,
    measurements_from_values,
    values_from_csv,
    values_from_measurements,
)
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


def test_it_refuses_text_where_a_number_is_due() -> None:
    with pytest.raises(DomainError):
        measurements_from_values(entry_fields(YJV), {"insulation_elongation": "lots"})


def test_a_csv_without_the_columns_is_refused() -> None:
    with pytest.raises(DomainError):
        values_from_csv(b"a,b\n1,2\n")
    assert values_from_csv(b"\xef\xbb\xbffield,value\nmarking,pass\n") == {"marking": "pass"}
