"""Prints the coverage table (family × item group) of the standards engine as markdown.

Each cell is the lowest confidence of the group's requirements in the family's catalogue
(``worklist.catalogue_items``: the default work list plus the additions)
(HIGH / MEDIUM / LOW), ``not encoded`` when one of them is not, ``floor only`` for the
GB/T 12706 sheath bound, ``–`` when the group is not on the work list. The table in
src/cablewatch/standards/README.md is this output between its markers;
tests/unit/standards/test_coverage_table.py fails when they differ, so it cannot drift.
``python tools/standards_coverage.py --write`` rewrites the README section.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from standards_examples import FAMILIES

from cablewatch.standards.worklist import catalogue_items

README = Path(__file__).resolve().parents[1] / "src" / "cablewatch" / "standards" / "README.md"
BEGIN = "<!-- coverage:begin (tools/standards_coverage.py) -->"
END = "<!-- coverage:end -->"

GROUPS: dict[str, tuple[str, ...]] = {
    "resistance": ("conductor_resistance",),
    "structure": ("conductor_wire_count", "conductor_wire_diameter"),
    "insulation thickness": ("insulation_thickness_mean", "insulation_thickness_min"),
    "sheath thickness": ("sheath_thickness_mean", "sheath_thickness_min"),
    "overall diameter": ("overall_diameter_mean",),
    "insulation TS/EB": ("insulation_tensile_strength", "insulation_elongation"),
    "insulation ageing": (
        "insulation_tensile_strength_aged",
        "insulation_elongation_aged",
        "insulation_tensile_variation",
        "insulation_elongation_variation",
    ),
    "hot set": ("hot_set_elongation_under_load", "hot_set_permanent_elongation"),
    "shrinkage": ("insulation_shrinkage",),
    "loss of mass": ("insulation_loss_of_mass", "sheath_loss_of_mass"),
    "sheath TS/EB + ageing": (
        "sheath_tensile_strength",
        "sheath_elongation",
        "sheath_tensile_strength_aged",
        "sheath_elongation_aged",
        "sheath_tensile_variation",
        "sheath_elongation_variation",
    ),
    "IR": ("insulation_resistance", "insulation_resistance_constant"),
    "armour": ("armour_tape_thickness", "armour_wire_diameter"),
}
_ORDER = ("not encoded", "floor only", "LOW", "MEDIUM", "HIGH")


def cell(designation: str, names: tuple[str, ...]) -> str:
    specs = [s for s in catalogue_items(designation) if s.item in names]
    if not specs:
        return "–"
    marks = [
        "not encoded" if not s.encoded else "floor only" if s.bound_only else s.confidence
        for s in specs
    ]
    return min(marks, key=_ORDER.index)


def table() -> str:
    head = "| family | designation | " + " | ".join(GROUPS) + " |"
    rule = "|---|---|" + "---|" * len(GROUPS)
    rows = [
        f"| {name} | `{designation}` | "
        + " | ".join(cell(designation, names) for names in GROUPS.values())
        + " |"
        for name, designation in FAMILIES.items()
    ]
    return "\n".join([head, rule, *rows]) + "\n"


def section() -> str:
    return f"{BEGIN}\n{table()}{END}"


def main(argv: list[str]) -> int:
    if "--write" in argv:
        text = README.read_text(encoding="utf-8")
        start, end = text.index(BEGIN), text.index(END) + len(END)
        README.write_text(text[:start] + section() + text[end:], encoding="utf-8")
        return 0
    sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
