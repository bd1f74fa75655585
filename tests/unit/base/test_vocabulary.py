"""The one vocabulary: known answers in both languages, and the template filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from cablewatch.base.vocabulary import EN_MONTHS, item_key, label, labels, local_date
from cablewatch.standards.rules import LABELS


@pytest.mark.parametrize(
    ("kind", "value", "zh", "en"),
    [
        ("item", "conductor_resistance", "导体电阻(20 °C)", "Conductor resistance at 20 °C"),
        ("item", "insulation_thickness_min", "绝缘最薄处厚度", "Smallest insulation thickness"),
        ("item", "flame_test", "单根阻燃试验", "Single-cable flame test"),
        ("verdict", "pass", "合格", "Conforming"),
        ("verdict", "fail", "不合格", "Nonconforming"),
        ("verdict", "incomplete", "检验项目不全", "Incomplete: items not tested"),
        ("verdict", "error", "无法判定", "Could not be judged"),
        ("result", "not_tested", "未检", "Not tested"),
        ("severity", "serious", "严重（本平台分级）", "Serious (CableWatch grading)"),
        ("severity", "general", "一般（本平台分级）", "General (CableWatch grading)"),
        ("site_kind", "production", "生产领域", "Production site"),
        ("sample_status", "final", "结果已确定", "Result final"),
        ("action", "spotcheck.plan.drawn", "完成摇号", "Draw made"),
        ("action", "made.up.action", "变更记录", "Recorded change"),
        ("boolean", True, "是", "Yes"),
    ],
)
def test_known_labels_in_both_languages(kind: str, value: object, zh: str, en: str) -> None:
    assert label(kind, value, "zh-hans") == zh
    assert label(kind, value, "en") == en
    with translation.override("en"):
        assert label(kind, value) == en  # the active language by default


def test_item_names_are_the_engines() -> None:
    for key, (zh, en) in LABELS.items():
        assert label("item", key, "zh-hans") == zh
        assert label("item", key, "en").lower() == en.lower()


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("导体电阻", "conductor_resistance"),
        ("导体电阻(20 °C)", "conductor_resistance"),
        ("conductor resistance at 20 °C", "conductor_resistance"),
        ("绝缘厚度", "insulation_thickness_mean"),
        ("成束阻燃性能", "bunched_flame_test"),
        ("绝缘老化前抗张强度", "insulation_tensile_strength"),
        ("电压试验", "voltage_test"),
        ("标志", "marking"),
        ("包装", None),
    ],
)
def test_items_however_written_map_to_one_key(written: str, key: str | None) -> None:
    assert item_key(written) == key


def test_unknown_item_text_is_kept() -> None:
    assert label("item", "包装标识不清", "en") == "包装标识不清"


def test_lists_join_in_the_language() -> None:
    assert labels("item", ["conductor_resistance", "marking"], "zh-hans") == "导体电阻(20 °C)、标志"
    assert labels("item", "导体电阻、标志", "en") == "Conductor resistance at 20 °C, Marking"
    assert labels("item", [], "en") == "—"
    assert labels("item", "导体电阻、conductor_resistance", "zh-hans") == "导体电阻(20 °C)"


def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        label("colour", "red")


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (dt.date(2026, 12, 2), "2026年12月2日", "2 Dec 2026"),
        ("2026-01-09", "2026年1月9日", "9 Jan 2026"),
        # 20:30 UTC on 1 December is 04:30 on 2 December in Asia/Shanghai
        (
            dt.datetime(2026, 12, 1, 20, 30, tzinfo=dt.UTC),
            "2026年12月2日 04:30",
            "2 Dec 2026 04:30",
        ),
        ("2026-12-01T20:30:00+00:00", "2026年12月2日 04:30", "2 Dec 2026 04:30"),
        (None, "—", "—"),
    ],
)
def test_local_dates(value: object, zh: str, en: str) -> None:
    assert local_date(value, "zh-hans") == zh  # type: ignore[arg-type]
    assert local_date(value, "en") == en  # type: ignore[arg-type]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_date_reads_back(day: dt.date) -> None:
    zh = local_date(day, "zh-hans")
    assert zh == f"{day.year}年{day.month}月{day.day}日"
    day_s, month, year = local_date(day, "en").split()
    assert (int(day_s), EN_MONTHS.index(month) + 1, int(year)) == (day.day, day.month, day.year)


def test_template_filters() -> None:
    template = Template(
        '{% load vocabulary %}{{ v|label:"verdict" }}|{{ items|labels:"item" }}|{{ d|local_date }}'
    )
    context = Context({"v": "fail", "items": ["marking"], "d": dt.date(2026, 12, 2)})
    with translation.override("zh-hans"):
        assert template.render(context) == "不合格|标志|2026年12月2日"
    with translation.override("en"):
        assert template.render(context) == "Nonconforming|Marking|2 Dec 2026"
