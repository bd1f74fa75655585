"""GB/T 12706.1-2020 附录A: the fictitious-diameter chain, with the numbers worked by hand.

The first five cases are the check values of reference/power_cable_coverings.md §7 (the
3×300 armoured case is the manufacturer's design sheet, scribd 302265232). The rest are
worked here by hand; the arithmetic is in each comment so that a reviewer can redo it.
"""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the paper arithmetic

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablewatch.standards import Armour
from cablewatch.standards.coverings import (
    AnnexAGapError,
    CoreInput,
    assembly_coefficient,
    conductor_diameter,
    coverings,
    round_tenth,
)
from cablewatch.standards.worklist import required_items

TAPE, WIRE = Armour.STEEL_TAPE, Armour.FINE_STEEL_WIRE


def _cores(*groups: tuple[int, float, str]) -> list[CoreInput]:
    return [CoreInput(n, s, D(t)) for n, s, t in groups]


# --- 表A.1 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "d_l"),
    [
        (1.5, "1.4"),
        (2.5, "1.8"),
        (4, "2.3"),
        (10, "3.6"),
        (16, "4.5"),
        (25, "5.6"),
        (50, "8.0"),
        (95, "11.0"),
        (120, "12.4"),
        (185, "15.3"),
        (240, "17.5"),
        (300, "19.5"),
        (400, "22.6"),
        (500, "25.2"),
        (630, "28.3"),
        (1000, "35.7"),
        (1600, "45.1"),
    ],
)
def test_fictitious_conductor_diameter_is_table_a1(section: float, d_l: str) -> None:
    assert conductor_diameter(float(section)) == D(d_l)


def test_500_mm2_is_25_2_not_the_design_tools_typo() -> None:
    # √(4·500/π) = 25.23 → 25.2; the design tool's 25.6 is a typo (reference §Sources)
    assert conductor_diameter(500.0) == D("25.2")


@pytest.mark.parametrize(
    ("cores", "k"),
    [
        (2, "2.00"),
        (3, "2.16"),
        (4, "2.42"),
        (5, "2.70"),
        (6, "3.00"),
        (7, "3.00"),
        (10, "4.00"),
        (12, "4.16"),
    ],
)
def test_assembly_coefficient_is_table_a2(cores: int, k: str) -> None:
    assert assembly_coefficient(cores)[0] == D(k)


def test_it_says_which_table_has_no_value() -> None:
    with pytest.raises(AnnexAGapError, match=r"0\.75 mm²"):
        conductor_diameter(0.75)
    with pytest.raises(AnnexAGapError, match="11 cores"):
        assembly_coefficient(11)


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [
        ("2.05", "2.1"),
        ("2.0499", "2.0"),
        ("1.2695", "1.3"),
        ("2.9635", "3.0"),
        ("30.008", "30.0"),
        ("49.896", "49.9"),
    ],
)
def test_rounding_is_half_up_to_a_tenth(raw: str, rounded: str) -> None:
    assert round_tenth(D(raw)) == D(rounded)


# --- reference §7 check values ------------------------------------------------------------


def test_yjv_3x95_plus_1x50() -> None:
    # D_c: 11.0 + 2·1.1 = 13.2 and 8.0 + 2·1.0 = 10.0; D_f = 2.42·(3·13.2 + 10.0)/4 = 30.008
    # → 30.0; t_B 0.4 (D_f ≤ 40) → D = 30.8; t_s = 0.035·30.8 + 1 = 2.078 → 2.1;
    # smallest 0.85·2.1 − 0.1 = 1.685
    c = coverings(_cores((3, 95, "1.1"), (1, 50, "1.0")))
    assert [core.diameter for core in c.cores] == [D("13.2"), D("10.0")]
    assert (c.laid_up, c.inner_covering, c.under_sheath) == (D("30.0"), D("0.4"), D("30.8"))
    assert (c.sheath_nominal, c.sheath_minimum) == (D("2.1"), D("1.685"))
    assert not c.over_metal and c.armour is None


def test_yjv_3x2_5_takes_the_multicore_floor() -> None:
    # D_c 1.8 + 1.4 = 3.2; D_f 2.16·3.2 = 6.912 → 6.9; D = 7.7; 0.035·7.7 + 1 = 1.2695 → 1.3
    # < 1.8 (multicore floor) → 1.8; smallest 0.85·1.8 − 0.1 = 1.43
    c = coverings(_cores((3, 2.5, "0.7")))
    assert (c.laid_up, c.under_sheath, c.sheath_formula) == (D("6.9"), D("7.7"), D("1.3"))
    assert (c.sheath_floor, c.sheath_nominal, c.sheath_minimum) == (D("1.8"), D("1.8"), D("1.43"))


def test_yjv_1x240_single_core_has_no_inner_covering() -> None:
    # D = D_c = 17.5 + 2·1.7 = 20.9; 0.035·20.9 + 1 = 1.7315 → 1.7 (floor 1.4);
    # smallest 0.85·1.7 − 0.1 = 1.345
    c = coverings(_cores((1, 240, "1.7")))
    assert c.inner_covering is None and c.inner_covering_nominal is None
    assert (c.under_sheath, c.sheath_floor, c.sheath_nominal) == (D("20.9"), D("1.4"), D("1.7"))
    assert c.sheath_minimum == D("1.345")


def test_yjv22_3x95_plus_1x50_over_steel_tape() -> None:
    # D_A = 30.8 as above; 30 < 30.8 ≤ 70 → t_A 0.5; D_X = 30.8 + 4·0.5 = 32.8;
    # t_s = 0.035·32.8 + 1 = 2.148 → 2.1; over armour: 0.8·2.1 − 0.2 = 1.48
    c = coverings(_cores((3, 95, "1.1"), (1, 50, "1.0")), armour=TAPE)
    assert c.armour is not None
    assert (c.armour.kind, c.armour.nominal, c.armour.under, c.armour.over) == (
        "tape",
        D("0.5"),
        D("30.8"),
        D("32.8"),
    )
    assert (c.sheath_nominal, c.sheath_minimum, c.over_metal) == (D("2.1"), D("1.48"), True)


def test_design_sheet_3x300_steel_wire() -> None:
    # d_L 19.5, t_i 1.8 → D_c 23.1; D_f 2.16·23.1 = 49.896 → 49.9; t_B 0.6 (> 40) → 51.1;
    # wire 2.5 (35 < 51.1 ≤ 60) → D_X 56.1; t_s = 0.035·56.1 + 1 = 2.9635 → 3.0;
    # smallest 0.8·3.0 − 0.2 = 2.2
    c = coverings(_cores((3, 300, "1.8")), armour=WIRE)
    assert (c.cores[0].diameter, c.laid_up, c.inner_covering) == (D("23.1"), D("49.9"), D("0.6"))
    assert c.armour is not None and (c.armour.under, c.armour.nominal, c.armour.over) == (
        D("51.1"),
        D("2.5"),
        D("56.1"),
    )
    assert (c.sheath_nominal, c.sheath_minimum) == (D("3.0"), D("2.2"))


# --- worked by hand -------------------------------------------------------------------------


def test_yjv_4x25_floor_and_inner_covering() -> None:
    # D_c 5.6 + 1.8 = 7.4; D_f 2.42·7.4 = 17.908 → 17.9 (inner covering ≤ 25 → 1.0 mm);
    # D = 18.7; 0.035·18.7 + 1 = 1.6545 → 1.7 < 1.8 → 1.8
    c = coverings(_cores((4, 25, "0.9")))
    assert (c.laid_up, c.inner_covering_nominal, c.under_sheath) == (D("17.9"), D("1.0"), D("18.7"))
    assert (c.sheath_formula, c.sheath_nominal) == (D("1.7"), D("1.8"))


def test_yjv_4x185_plus_1x95_five_cores_mixed() -> None:
    # D_c 15.3 + 3.2 = 18.5 and 11.0 + 2.2 = 13.2; D_f = 2.70·(4·18.5 + 13.2)/5 = 2.70·17.44
    # = 47.088 → 47.1 (inner covering 45–60 → 1.6); t_B 0.6 → D = 48.3;
    # 0.035·48.3 + 1 = 2.6905 → 2.7; smallest 0.85·2.7 − 0.1 = 2.195
    c = coverings(_cores((4, 185, "1.6"), (1, 95, "1.1")))
    assert (c.laid_up, c.inner_covering_nominal, c.under_sheath) == (D("47.1"), D("1.6"), D("48.3"))
    assert (c.sheath_nominal, c.sheath_minimum) == (D("2.7"), D("2.195"))


def test_vv_3x150_plus_2x70_pvc() -> None:
    # PVC/A t_i 1.8 and 1.4: D_c 13.8 + 3.6 = 17.4, 9.4 + 2.8 = 12.2;
    # D_f = 2.70·(3·17.4 + 2·12.2)/5 = 2.70·15.32 = 41.364 → 41.4; t_B 0.6 → 42.6;
    # 0.035·42.6 + 1 = 2.491 → 2.5; smallest 2.025
    c = coverings(_cores((3, 150, "1.8"), (2, 70, "1.4")))
    assert (c.laid_up, c.under_sheath, c.sheath_nominal) == (D("41.4"), D("42.6"), D("2.5"))
    assert c.sheath_minimum == D("2.025")


def test_yjv32_4x16_fine_wire_floor_over_metal() -> None:
    # D_c 4.5 + 1.4 = 5.9; D_f 2.42·5.9 = 14.278 → 14.3; D_A 15.1; 15 < 15.1 ≤ 25 → wire 1.6;
    # D_X 15.1 + 3.2 = 18.3; 0.035·18.3 + 1 = 1.6405 → 1.6 < 1.8 → 1.8; 0.8·1.8 − 0.2 = 1.24
    c = coverings(_cores((4, 16, "0.7")), armour=WIRE)
    assert c.armour is not None and (c.armour.nominal, c.armour.over) == (D("1.6"), D("18.3"))
    assert (c.sheath_formula, c.sheath_nominal, c.sheath_minimum) == (D("1.6"), D("1.8"), D("1.24"))


def test_armoured_single_core_has_an_inner_covering_and_the_metal_floor() -> None:
    # YJV62 1×300: D_c 23.1; armoured single core → t_B 0.4 → D_A 23.9; non-magnetic tape
    # ≤ 30 → 0.5; D_X 25.9; 0.035·25.9 + 1 = 1.9065 → 1.9 (floor 1.8); 0.8·1.9 − 0.2 = 1.32
    c = coverings(_cores((1, 300, "1.8")), armour=Armour.NON_MAGNETIC_TAPE)
    assert c.inner_covering == D("0.4") and c.armour is not None
    assert (c.armour.nominal, c.armour.over) == (D("0.5"), D("25.9"))
    assert (c.sheath_floor, c.sheath_nominal, c.sheath_minimum) == (D("1.8"), D("1.9"), D("1.32"))


def test_single_core_floor_is_1_4() -> None:
    # YJV 1×25: D = 5.6 + 1.8 = 7.4; 0.035·7.4 + 1 = 1.259 → 1.3 < 1.4 → 1.4; 0.85·1.4 − 0.1 = 1.09
    c = coverings(_cores((1, 25, "0.9")))
    assert (c.sheath_formula, c.sheath_nominal, c.sheath_minimum) == (D("1.3"), D("1.4"), D("1.09"))


def test_steel_tape_steps_at_30_and_70() -> None:
    # 2×10 XLPE: D_c 5.0; D_f 10.0; D_A 10.8 ≤ 30 → 0.2; D_X 10.8 + 0.8 = 11.6
    c = coverings(_cores((2, 10, "0.7")), armour=TAPE)
    assert c.armour is not None and (c.armour.nominal, c.armour.over) == (D("0.2"), D("11.6"))
    # 3×400 XLPE: D_c 22.6 + 4.0 = 26.6; D_f 2.16·26.6 = 57.456 → 57.5; t_B 0.6 → 58.7 (≤ 70 → 0.5)
    c = coverings(_cores((3, 400, "2.0")), armour=TAPE)
    assert c.armour is not None and (c.armour.under, c.armour.nominal) == (D("58.7"), D("0.5"))
    # 4×630 XLPE: D_c 28.3 + 4.8 = 33.1; D_f 2.42·33.1 = 80.102 → 80.1; 80.1 + 1.2 = 81.3 > 70 → 0.8
    # inner covering > 80 → 2.0
    c = coverings(_cores((4, 630, "2.4")), armour=TAPE)
    assert c.armour is not None and (c.armour.under, c.armour.nominal) == (D("81.3"), D("0.8"))
    assert c.inner_covering_nominal == D("2.0")


# --- properties -------------------------------------------------------------------------------

SECTIONS = [1.5, 2.5, 4, 6, 10, 16, 25, 35, 50, 70, 95, 120, 150, 185, 240, 300, 400, 500]


@given(
    count=st.sampled_from([1, 2, 3, 4, 5]),
    section=st.sampled_from(SECTIONS),
    armour=st.sampled_from([None, TAPE, WIRE, Armour.NON_MAGNETIC_TAPE]),
)
def test_the_nominal_never_goes_below_its_floor_or_the_formula(count, section, armour) -> None:
    c = coverings(_cores((count, float(section), "1.0")), armour=armour)
    assert c.sheath_nominal >= c.sheath_floor
    assert c.sheath_nominal >= c.sheath_formula
    assert c.sheath_minimum < c.sheath_nominal
    assert c.under_sheath >= c.laid_up
    assert c.sheath_floor == (D("1.8") if count > 1 or armour else D("1.4"))


# --- the work list uses it ---------------------------------------------------------------------


def _limits(designation: str) -> dict[str, float]:
    return {
        i.item: i.limits[0].value
        for i in required_items(designation)
        if i.item.startswith("sheath_thickness") and i.encoded and not i.bound_only
    }


@pytest.mark.parametrize(
    ("designation", "mean", "smallest"),
    [
        ("YJV 0.6/1kV 3×95+1×50", 2.1, 1.685),
        ("YJLV 0.6/1kV 3×95+1×50", 2.1, 1.685),
        ("YJY 0.6/1kV 3×2.5", 1.8, 1.43),
        ("YJV 0.6/1kV 1×240", 1.7, 1.345),
        ("YJV22 0.6/1kV 3×95+1×50", 2.1, 1.48),
        ("YJV32 0.6/1kV 3×300", 3.0, 2.2),
        ("VV 0.6/1kV 3×150+2×70", 2.5, 2.025),
        ("VLV22 0.6/1kV 3×150+2×70", 2.6, 1.88),  # D_X 42.6 + 2.0 = 44.6 → 2.561 → 2.6
    ],
)
def test_the_work_list_holds_the_annex_a_nominal(designation, mean, smallest) -> None:
    assert _limits(designation) == {"sheath_thickness_mean": mean, "sheath_thickness_min": smallest}


# --- armour and inner covering as items (for rule editions that test them) ---------------------


def _item(builder, designation: str, *args: str):
    from cablewatch.standards import parse_designation
    from cablewatch.standards.rules import context_for

    return builder(*args, context_for(parse_designation(designation)))


def test_armour_items_hold_the_annex_a_nominal_with_the_measured_tolerance() -> None:
    from cablewatch.standards.worklist import armour_item

    # YJV22 3×95+1×50: D_A 30.8 → tape 0.5; smallest 0.9·0.5 = 0.45 (LOW tolerance)
    tape = _item(armour_item, "YJV22 0.6/1kV 3×95+1×50", "armour_tape_thickness")
    assert tape is not None and tape.limits[0].value == 0.45 and tape.confidence == "LOW"
    assert "D_A = 30.8 mm" in tape.requirement_en
    # YJV32 3×300: D_A 51.1 → wire 2.5; smallest 0.95·2.5 = 2.375
    wire = _item(armour_item, "YJV32 0.6/1kV 3×300", "armour_wire_diameter")
    assert wire is not None and wire.limits[0].value == 2.375
    # the other armour kind, and an unarmoured cable, leave the item off the work list
    assert _item(armour_item, "YJV32 0.6/1kV 3×300", "armour_tape_thickness") is None
    assert _item(armour_item, "YJV 0.6/1kV 3×95+1×50", "armour_wire_diameter") is None


def test_the_inner_covering_is_not_judged_but_names_its_approximate_thickness() -> None:
    from cablewatch.standards.worklist import inner_covering_item

    # D_f 30.0 (25 < D_f ≤ 35) → approximate 1.2 mm; no minimum rule sourced → not encoded
    spec = _item(inner_covering_item, "YJV 0.6/1kV 3×95+1×50")
    assert spec is not None and not spec.encoded
    assert "approximate 1.2 mm" in spec.requirement_en
    assert _item(inner_covering_item, "YJV 0.6/1kV 1×240") is None
