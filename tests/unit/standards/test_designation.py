"""Designation parser and canonical formatter."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablewatch.standards import (
    Armour,
    Compound,
    DesignationError,
    FlameClass,
    format_designation,
    parse_designation,
)

EXAMPLES = [
    "BV 450/750V 1×2.5",
    "BV-2.5",
    "RVV 300/500V 3×1.5",
    "ZC-YJV22-0.6/1kV 4×95+1×50",
    "WDZN-YJY 0.6/1kV 5×16",
    "JKLYJ-10 1×240",
    "YJLV 0.6/1kV 3×185+1×95",
    "60227 IEC 01(BV) 450/750V 1×2.5mm²",
    "227 IEC 53(RVV) 300/500V 3×1.5",
    "ZR-YJV 0.6/1kV 3×95+1×50",
    "WDZB-BYJ 450/750V 4",
    "KVV 450/750V 4×1.5",
    "YJV 1kV 4×25",
    "YJV 0.6/1(1.2)kV 3×95+1×50",
    "RVV 300/500V 3G1.5",
    "KVVP 450/750V 4×1.5",
    "RVVP 300/300V 2×0.75",
    "BVVB 300/500V 2×2.5",
    "BVVR 300/500V 3×2.5",
    "RVS 300/300V 2×0.75",
    "YC 450/750V 3×2.5+1×1.5",
    "YZ 300/500V 3×1.5",
    "WDZ-BYJR 450/750V 2.5",
    "BV 2.5mm² 450/750V",
    "ZD-BV 2.5m㎡ 450/750V",
    "60227IEC01(BV) 1×2.5m㎡ 450/750V",
    "300/500V 2×2.5 BVVB",
]


# (as written in announcements, canonical spelling, U0, U, class, insulation) — reference
# power_cable_coverings.md "Designation spellings met in real announcements"
ANNOUNCEMENT_SPELLINGS = [
    ("YJV 1kV 4×25", "YJV 0.6/1kV 4×25", 600, 1000, 2, "XLPE"),
    ("YJV 3kV 3×95", "YJV 1.8/3kV 3×95", 1800, 3000, 2, "XLPE"),
    ("JKLYJ-1kV 1×70", "JKLYJ 0.6/1kV 1×70", 600, 1000, 2, "XLPE"),
    ("ZC-YJV 0.6/1(1.2)kV 3×95+2×50", "ZC-YJV 0.6/1kV 3×95+2×50", 600, 1000, 2, "XLPE"),
    ("RVV 300/500V 3G1.5", "RVV 300/500V 3×1.5", 300, 500, 5, "PVC"),
    ("KVVP 450/750V 4×1.5", "KVVP 450/750V 4×1.5", 450, 750, 1, "PVC"),
    ("RVVP 300/300V 2×0.75", "RVVP 300/300V 2×0.75", 300, 300, 5, "PVC"),
    ("BVVB 300/500V 2×2.5", "BVVB 300/500V 2×2.5", 300, 500, 1, "PVC"),
    ("BVVR 300/500V 3×2.5", "BVVR 300/500V 3×2.5", 300, 500, 5, "PVC"),
    ("RVS 300/300V 2×0.75", "RVS 300/300V 2×0.75", 300, 300, 5, "PVC"),
    ("YC 450/750V 3×2.5+1×1.5", "YC 450/750V 3×2.5+1×1.5", 450, 750, 5, "rubber"),
    ("YZ 300/500V 3×1.5", "YZ 300/500V 3×1.5", 300, 500, 5, "rubber"),
    ("WDZ-BYJR 450/750V 2.5", "WDZ-BYJR 450/750V 1×2.5", 450, 750, 5, "XLPO"),
    ("BV 2.5mm² 450/750V", "BV 450/750V 1×2.5", 450, 750, 1, "PVC"),
    ("BV 2.5 450/750V", "BV 450/750V 1×2.5", 450, 750, 1, "PVC"),
    ("ZD-BV 2.5m㎡ 450/750V", "ZD-BV 450/750V 1×2.5", 450, 750, 1, "PVC"),
    ("60227IEC01(BV) 1×2.5m㎡ 450/750V", "60227 IEC 01(BV) 450/750V 1×2.5", 450, 750, 1, "PVC"),
    ("300/500V 2×2.5 BVVB", "BVVB 300/500V 2×2.5", 300, 500, 1, "PVC"),
    ("BLV 450/750V 2.5", "BLV 450/750V 1×2.5", 450, 750, 1, "PVC"),
]


@pytest.mark.parametrize(
    ("text", "canonical", "u0", "u", "cls", "insulation"), ANNOUNCEMENT_SPELLINGS
)
def test_it_reads_announcement_spellings(text, canonical, u0, u, cls, insulation) -> None:  # noqa: PLR0917
    d = parse_designation(text)
    assert format_designation(d) == canonical
    assert (d.u0_v, d.u_v, d.conductor_class, d.insulation.value) == (u0, u, cls, insulation)


def test_u_alone_is_low_voltage_only_at_1_and_3_kv() -> None:
    # 1 kV → 0.6/1 kV (not medium voltage); 10 kV alone stays U = 10 kV with U0 unknown
    assert parse_designation("YJV 1kV 4×25").voltage_key == "600/1000"
    assert parse_designation("YJV 10kV 3×95").voltage_key == "/10000"
    # a building wire written with U alone keeps U0 unknown: no rule makes one up
    assert parse_designation("BV 750V 2.5").voltage_key == "/750"


def test_a_failing_resistance_still_fails_a_rubber_cable_whose_tables_are_not_encoded() -> None:
    from cablewatch.standards import judge

    # class 5 Cu 2.5 mm² ≤ 7.98 Ω/km (GB/T 3956 表3): 8.2 fails
    result = judge(
        {
            "designation": "YC 450/750V 3×2.5",
            "measurements": {"conductor_resistance": {"value": 8.2, "temperature_c": 20.0}},
        }
    )
    assert result["verdict"] == "fail" and result["failed"] == ["conductor_resistance"]


@pytest.mark.parametrize("text", EXAMPLES)
def test_it_reads_every_example_and_round_trips(text: str) -> None:
    parsed = parse_designation(text)
    assert parse_designation(format_designation(parsed)) == parsed


def test_it_reads_the_armoured_flame_retardant_power_cable() -> None:
    d = parse_designation("ZC-YJV22-0.6/1kV 4×95+1×50")
    assert d.family == "YJV22"
    assert (d.conductor_material.value, d.conductor_class) == ("copper", 2)
    assert (d.insulation, d.sheath, d.armour) == (Compound.XLPE, Compound.PVC, Armour.STEEL_TAPE)
    assert d.flame_retardant is FlameClass.ZC and not d.fire_resistant
    assert (d.u0_v, d.u_v) == (600, 1000)
    assert [(g.count, g.section_mm2) for g in d.cores] == [(4, 95.0), (1, 50.0)]


def test_it_reads_low_smoke_fire_resistant_prefix() -> None:
    d = parse_designation("WDZN-YJY 0.6/1kV 5×16")
    assert d.low_smoke_halogen_free and d.fire_resistant and d.flame_retardant is FlameClass.Z
    assert d.sheath is Compound.PE


def test_it_infers_class_1_for_small_bv_and_class_2_from_10_mm2() -> None:
    assert parse_designation("BV-6").conductor_class == 1
    assert parse_designation("BV-10").conductor_class == 2
    assert parse_designation("RVV 300/500V 3×1.5").conductor_class == 5
    assert parse_designation("YJV 0.6/1kV 1×2.5").conductor_class == 2


def test_it_fills_the_voltage_the_family_implies() -> None:
    d = parse_designation("BV-2.5")
    assert (d.u0_v, d.u_v) == (450, 750)
    assert parse_designation("JKLYJ-10 1×240").u_v == 10_000
    assert parse_designation("JKLYJ-10 1×240").conductor_material.value == "aluminium"


@pytest.mark.parametrize(
    "text",
    [
        "ｂｖ　４５０／７５０ｖ　１×２．５",
        "BV 450/750V 1x2.5",
        "BV 450/750v 1X2.5mm2",
        "BV  450 / 750 V  1 * 2.5 mm²",
        "BV－450/750V－1×2.5",
        "60227IEC01（BV）450/750V 1×2.5",
    ],
)
def test_it_accepts_common_spelling_variants(text: str) -> None:
    expected = parse_designation("BV 450/750V 1×2.5")
    got = parse_designation(text)
    assert (got.family, got.u0_v, got.u_v, got.cores) == (
        expected.family,
        expected.u0_v,
        expected.u_v,
        expected.cores,
    )


@pytest.mark.parametrize(
    ("text", "position", "expected_word"),
    [
        ("XYZ 1×2.5", 0, "model family"),
        ("BV 450/750V 1×2.7", 14, "cross-section"),
        ("YJV 3×95", 4, "rated voltage"),
        ("BV 450/750V", 11, "cores"),
        ("BV 450/750V 1×2.5 foo", 18, "end"),
        ("BV25", 2, "armour digits"),
        ("60227 IEC 01(RVV) 1×2.5", 13, "60227 IEC 01"),
        ("ZC-ZB-BV 2.5", 3, "flame-retardant"),
        ("BV 750/450V 2.5", 3, "U0"),
        ("BV 450/750V 0×2.5", 12, "core count"),
        ("60227 IEC 99(BV) 1×2.5", 10, "60227 type"),
        ("BV 450/750V 1×2.5+", 18, "after '+'"),
    ],
)
def test_it_rejects_what_it_cannot_read_naming_the_position(
    text: str, position: int, expected_word: str
) -> None:
    with pytest.raises(DesignationError) as caught:
        parse_designation(text)
    assert caught.value.position == position, caught.value
    assert expected_word in caught.value.expected
    assert str(position) in caught.value.message("zh")


# --- property: generated structures round-trip through their canonical spelling ----------

FAMILIES = {
    "BV": (450, 750),
    "RV": (450, 750),
    "BVR": (450, 750),
    "RVV": (300, 500),
    "BYJ": (450, 750),
    "KVV": (450, 750),
    "YJV": (600, 1000),
    "YJLV": (600, 1000),
    "YJY": (600, 1000),
    "VV": (600, 1000),
    "JKLYJ": (None, 10000),
    "YJV22": (8700, 15000),
    "KVV22": (450, 750),
    "YJLV32": (600, 1000),
    "YJV23": (1800, 3000),
    "KVVP": (450, 750),
    "RVVP": (300, 300),
    "BVVB": (300, 500),
    "BVVR": (300, 500),
    "RVS": (300, 300),
    "BYJR": (450, 750),
    "YC": (450, 750),
    "YZ": (300, 500),
}
SECTIONS = [
    "0.75",
    "1",
    "1.5",
    "2.5",
    "4",
    "6",
    "10",
    "16",
    "25",
    "35",
    "50",
    "70",
    "95",
    "120",
    "150",
    "185",
    "240",
    "300",
    "400",
]
PREFIXES = [
    "",
    "ZA-",
    "ZB-",
    "ZC-",
    "ZD-",
    "Z-",
    "ZR-",
    "WDZ-",
    "WDZB-",
    "WDZN-",
    "ZAN-",
    "NH-",
    "N-",
    "WDZCN-",
    "ZRA-",
]


def _voltage_text(pair: tuple[int | None, int], kv: bool) -> str:
    u0, u = pair
    if kv or u >= 1000:
        fmt = lambda v: f"{v / 1000:g}"  # noqa: E731
        return f"{fmt(u0)}/{fmt(u)}kV" if u0 else f"{fmt(u)}kV"
    return f"{u0}/{u}V"


@st.composite
def designation_texts(draw: st.DrawFn) -> str:
    family = draw(st.sampled_from(sorted(FAMILIES)))
    groups = draw(
        st.lists(st.tuples(st.integers(1, 5), st.sampled_from(SECTIONS)), min_size=1, max_size=2)
    )
    times = draw(st.sampled_from(["×", "x", "X", "*", "×", "G"]))
    cores = "+".join(f"{n}{times}{s}" for n, s in groups)
    suffix = draw(st.sampled_from(["", "mm²", "mm2", " mm2"]))
    voltage = _voltage_text(FAMILIES[family], kv=False)
    dash = draw(st.sampled_from([" ", "-", " - "]))
    if draw(st.booleans()):
        text = f"{draw(st.sampled_from(PREFIXES))}{family}{dash}{voltage} {cores}{suffix}"
    elif draw(st.booleans()):  # size before the voltage, as announcements often write it
        text = f"{draw(st.sampled_from(PREFIXES))}{family}{dash}{cores}{suffix} {voltage}"
    else:  # the family last
        text = f"{voltage} {cores}{suffix} {family}"
    if draw(st.booleans()):
        text = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789/-"})
    return text


@given(designation_texts())
def test_it_round_trips_generated_designations(text: str) -> None:
    parsed = parse_designation(text)
    canonical = format_designation(parsed)
    assert parse_designation(canonical) == parsed
    assert format_designation(parse_designation(canonical)) == canonical


@given(st.text(max_size=40))
def test_it_either_parses_or_raises_designation_error_for_any_text(text: str) -> None:
    try:
        parsed = parse_designation(text)
    except DesignationError as exc:
        assert 0 <= exc.position <= len(text)
    else:
        assert parse_designation(format_designation(parsed)) == parsed
