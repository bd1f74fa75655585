"""Table values, typed again by hand from the reference (docs/standards.md §1-§3).

These are a second, independent copy of a sample of every table, so a typo in either
the package's data files or here shows up as a failure.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import cablewatch.standards
from cablewatch.standards import ConductorMaterial as M
from cablewatch.standards.tables import gbt5023_row, gbt12706_insulation, max_resistance

CU, AL = M.COPPER, M.ALUMINIUM

# (class, material, coating, mm², Ω/km) — reference §1.1-§1.4
RESISTANCE_SAMPLE = [
    (1, CU, "plain", 0.5, 36.0),
    (1, CU, "plain", 1.5, 12.1),
    (1, CU, "plain", 2.5, 7.41),
    (1, CU, "plain", 6, 3.08),
    (1, CU, "plain", 16, 1.15),
    (1, CU, "plain", 185, 0.101),
    (1, CU, "plain", 240, 0.0775),
    (1, CU, "plain", 400, 0.0465),
    (1, CU, "coated", 2.5, 7.56),
    (1, CU, "coated", 16, 1.16),
    (1, AL, "plain", 10, 3.08),
    (1, AL, "plain", 35, 0.868),
    (1, AL, "plain", 1200, 0.0247),
    (2, CU, "plain", 0.75, 24.5),
    (2, CU, "plain", 50, 0.387),
    (2, CU, "plain", 70, 0.268),
    (2, CU, "plain", 95, 0.193),
    (2, CU, "plain", 185, 0.0991),
    (2, CU, "plain", 240, 0.0754),
    (2, CU, "plain", 300, 0.0601),
    (2, CU, "plain", 630, 0.0283),
    (2, CU, "plain", 1000, 0.0176),
    (2, CU, "coated", 25, 0.734),
    (2, CU, "coated", 630, 0.0286),
    (2, CU, "coated", 1000, 0.0177),
    (2, AL, "plain", 16, 1.91),
    (2, AL, "plain", 95, 0.320),
    (2, AL, "plain", 185, 0.164),
    (2, AL, "plain", 240, 0.125),
    (2, AL, "plain", 1000, 0.0291),
    (5, CU, "plain", 0.5, 39.0),
    (5, CU, "plain", 1.5, 13.3),
    (5, CU, "plain", 2.5, 7.98),
    (5, CU, "plain", 50, 0.386),
    (5, CU, "plain", 240, 0.0801),
    (5, CU, "plain", 630, 0.0287),
    (5, CU, "coated", 4, 5.09),
    (5, CU, "coated", 630, 0.0292),
    (6, CU, "plain", 2.5, 7.98),
    (6, CU, "plain", 300, 0.0641),
    (6, CU, "coated", 1.0, 20.0),
]


@pytest.mark.parametrize(("cls", "material", "coating", "section", "expected"), RESISTANCE_SAMPLE)
def test_it_holds_the_reference_resistance(cls, material, coating, section, expected) -> None:
    found = max_resistance(cls, material, float(section), coating)
    assert found is not None
    assert found.value == expected
    assert found.clause.startswith("GB/T 3956-2008 表")


@pytest.mark.parametrize(
    ("cls", "material", "section"),
    [(6, CU, 400.0), (1, AL, 2.5), (5, AL, 16.0), (1, CU, 500.0), (2, CU, 1200.0)],
)
def test_it_has_no_row_where_the_reference_has_none(cls, material, section) -> None:
    assert max_resistance(cls, material, section) is None


def test_it_carries_a_clause_and_confidence_on_every_resistance_row() -> None:
    path = Path(cablewatch.standards.__file__).parent / "data" / "conductor_resistance.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 190
    assert all(r["clause"] and r["confidence"] in {"HIGH", "MEDIUM", "LOW"} for r in rows)


# (type, cores, mm², class, insulation, sheath, OD low, OD high) — reference §2.2-§2.4
GBT5023_SAMPLE = [
    ("01", 1, 2.5, 1, 0.8, None, 3.2, 3.9),
    ("01", 1, 2.5, 2, 0.8, None, 3.3, 4.0),
    ("01", 1, 10, 1, 1.0, None, 5.3, 6.4),
    ("01", 1, 50, 2, 1.4, None, 10.6, 12.8),
    ("01", 1, 400, 2, 2.6, None, 27.5, 33.2),
    ("02", 1, 6, 5, 0.8, None, 4.4, 5.3),
    ("02", 1, 240, 5, 2.2, None, 23.5, 28.4),
    ("53", 2, 0.75, 5, 0.6, 0.8, 5.7, 7.2),
    ("53", 3, 1.5, 5, 0.7, 0.9, 7.4, 9.4),
    ("53", 4, 1.0, 5, 0.6, 0.9, 7.1, 9.0),
    ("53", 5, 2.5, 5, 0.8, 1.2, 11.2, 13.9),
]


@pytest.mark.parametrize(("t", "n", "s", "c", "ins", "sh", "lo", "hi"), GBT5023_SAMPLE)
def test_it_holds_the_reference_gbt5023_rows(t, n, s, c, ins, sh, lo, hi) -> None:  # noqa: PLR0917
    row = gbt5023_row(t, n, float(s), c)
    assert row is not None
    assert (row.insulation_tn, row.sheath_tn, row.od_lower, row.od_upper) == (ins, sh, lo, hi)


def test_it_uses_the_retrieved_upper_diameter_for_bv_1_5_class_1() -> None:
    # reference §2.2: the only retrieved row prints 3.3 where the compiler recalled 3.2
    row = gbt5023_row("01", 1, 1.5, 1)
    assert row is not None and row.od_upper == 3.3


@pytest.mark.parametrize(
    ("section", "nominal"),
    [
        (1.5, 0.7),
        (16, 0.7),
        (25, 0.9),
        (50, 1.0),
        (70, 1.1),
        (95, 1.1),
        (120, 1.2),
        (150, 1.4),
        (185, 1.6),
        (240, 1.7),
        (300, 1.8),
        (630, 2.4),
        (1000, 2.8),
    ],
)
def test_it_holds_the_reference_xlpe_insulation(section, nominal) -> None:
    found = gbt12706_insulation("XLPE", float(section))
    assert found is not None and found.value == nominal
