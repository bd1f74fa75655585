"""The coverage table in the standards README is generated from the data (cannot drift)."""

from __future__ import annotations

import sys
from pathlib import Path

TOOLS = Path(__file__).parents[3] / "tools"


def test_the_readme_holds_the_generated_coverage_table() -> None:
    sys.path.insert(0, str(TOOLS))
    from standards_coverage import README, section

    assert section() in README.read_text(encoding="utf-8"), (
        "run: .venv/bin/python tools/standards_coverage.py --write"
    )


def test_a_cell_names_what_is_not_encoded_and_the_lowest_confidence() -> None:
    sys.path.insert(0, str(TOOLS))
    from standards_coverage import cell

    # YJV: the Annex A sheath nominal is MEDIUM; KVV: GB/T 9330 sheath is not encoded
    assert cell("YJV 0.6/1kV 3×95+1×50", ("sheath_thickness_mean",)) == "MEDIUM"
    assert cell("KVV 450/750V 4×1.5", ("sheath_thickness_mean",)) == "not encoded"
    # BV has no sheath: the group is not on its work list
    assert cell("BV 450/750V 1×2.5", ("sheath_thickness_mean",)) == "–"
    # the resistance of BV 2.5 is HIGH, its OD LOW: the group shows the lowest
    assert cell("BV 450/750V 1×2.5", ("conductor_resistance", "overall_diameter_mean")) == "LOW"
