"""Instrument CSV files: Chinese column names mapped, every other column reported."""

from __future__ import annotations

import pytest

from cablewatch.base.errors import DomainError
from cablewatch.spotcheck.entry import entry_fields
from cablewatch.spotcheck.instrument import map_header, read_csv
from cablewatch.standards import parse_designation, required_items

BV = entry_fields([i.to_json() for i in required_items(parse_designation("BV 450/750V 1×2.5"))])
YJV = entry_fields(
    [i.to_json() for i in required_items(parse_designation("YJV 0.6/1kV 3×95+1×50"))]
)


def test_chinese_headers_of_an_instrument_export_are_mapped() -> None:
    text = "样品编号,导体电阻(Ω/km),温度(℃),绝缘平均厚度,绝缘最薄点厚度,操作员,备注\n"
    text += "SAAAA,7.30,21.5,0.82,0.70,张三,\n"
    read = read_csv(text.encode("utf-8"), BV)
    assert read.rows == {
        "SAAAA": {
            "conductor_resistance.value": "7.30",
            "conductor_resistance.temperature_c": "21.5",
            "insulation_thickness.mean": "0.82",
            "insulation_thickness.min": "0.70",
        }
    }
    unused = {c.header: (c.problem, c.filled) for c in read.unused}
    assert set(unused) == {"操作员", "备注"}
    assert unused["操作员"][1] == 1 and unused["备注"][1] == 0  # its cells are counted


def test_gb18030_and_semicolons_are_read() -> None:
    text = "导体电阻;温度;标志\n7,3;20;合格\n"
    read = read_csv(text.encode("gb18030"), BV)
    assert read.rows == {
        None: {
            "conductor_resistance.value": "7,3",
            "conductor_resistance.temperature_c": "20",
            "marking": "合格",
        }
    }


def test_a_cable_with_two_sizes_needs_the_section_in_the_header() -> None:
    assert map_header("导体电阻(95mm²)", YJV)[0].name == "conductor_resistance.95.value"  # type: ignore[union-attr]
    assert map_header("导体电阻 50", YJV)[0].name == "conductor_resistance.50.value"  # type: ignore[union-attr]
    field, problem = map_header("导体电阻", YJV)
    assert field is None and "导体电阻(95mm²)" in problem
    assert map_header("导体电阻(70mm²)", YJV)[0] is None


def test_a_wrong_unit_or_an_item_the_cable_does_not_need_is_reported() -> None:
    field, problem = map_header("绝缘平均厚度(Ω/km)", BV)
    assert field is None and problem
    field, problem = map_header("护套平均厚度", BV)  # BV has no sheath
    assert field is None and problem


def test_the_long_layout_takes_chinese_field_names_too() -> None:
    text = "项目,数值\n导体电阻,7.9\nmarking,pass\n颜色,红\n"
    read = read_csv(text.encode("utf-8-sig"), BV)
    assert read.layout == "long"
    assert read.rows == {None: {"conductor_resistance.value": "7.9", "marking": "pass"}}
    assert [c.header for c in read.unused] == ["颜色"]


def test_two_columns_for_one_field_and_rows_without_codes_are_reported() -> None:
    read = read_csv("导体电阻,电阻\n7.3,7.4\n".encode(), BV)
    assert [c.header for c in read.unused] == ["电阻"]
    read = read_csv("导体电阻\n7.3\n7.4\n".encode(), BV)
    assert read.problems and not read.rows


def test_an_empty_or_binary_file_is_refused() -> None:
    with pytest.raises(DomainError):
        read_csv(b"only,a,header\n", BV)
    with pytest.raises(DomainError):
        read_csv(b"\xff\xfe\x00\x81\x00" * 10, BV)


def test_headers_of_the_new_items_are_mapped() -> None:
    from cablewatch.spotcheck.services.results import work_list

    fields = entry_fields(work_list("YJV 0.6/1kV 3×95+1×50", rule="cablewatch-catalogue"))
    text = "盲样编号,热延伸负荷下伸长率(%),绝缘热收缩,单线根数(95mm²),护套热失重(mg/cm²)\n"
    text += "SAAAA,80,2.5,18,0.9\n"
    read = read_csv(text.encode(), fields)
    assert read.rows["SAAAA"] == {
        "hot_set.under_load": "80",
        "insulation_shrinkage": "2.5",
        "conductor_structure.95.wire_count": "18",
        "sheath_loss_of_mass": "0.9",
    }
    assert read.unused == []
