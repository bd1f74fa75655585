"""Writes src/cablewatch/standards/examples/*.json: one conforming sample per family.

Each measurement is placed comfortably inside its requirement from the engine's own
catalogue (``catalogue_items``: the work list plus the additions), so the example shows what
a lab enters and judges ``pass`` while the tables are as they are.
``python tools/standards_examples.py`` rewrites the files; tests/unit/standards/
test_examples.py checks them (and fails each item in turn).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cablewatch.standards.rules import ItemKind, ItemSpec
from cablewatch.standards.worklist import catalogue_items

OUT = Path(__file__).resolve().parents[1] / "src" / "cablewatch" / "standards" / "examples"

# family -> a designation as announcements write it (one per family of issue 10)
FAMILIES: dict[str, str] = {
    "BV": "BV 450/750V 1×2.5",
    "BV-300-500": "BV 300/500V 1×0.75",
    "BLV": "BLV 450/750V 1×2.5",
    "BVR": "BVR 450/750V 1×2.5",
    "RV": "RV 450/750V 1×6",
    "RV-300-500": "RV 300/500V 1×1",
    "RVB": "RVB 300/300V 2×0.75",
    "RVS": "RVS 300/300V 2×0.75",
    "BVV": "BVV 300/500V 2×2.5",
    "BVVB": "BVVB 300/500V 2×2.5",
    "BVVR": "BVVR 300/500V 3×2.5",
    "RVV": "RVV 300/500V 3×1.5",
    "RVV-4mm2": "RVV 300/500V 3×4",
    "RVV-300-300": "RVV 300/300V 2×0.75",
    "RVVP": "RVVP 300/300V 2×0.75",
    "KVV": "KVV 450/750V 4×1.5",
    "KVVP": "KVVP 450/750V 4×1.5",
    "BYJ": "WDZ-BYJ 450/750V 2.5",
    "BYJR": "WDZB-BYJR 450/750V 2.5",
    "YJV": "YJV 0.6/1kV 3×95+1×50",
    "YJV-1kV": "YJV 1kV 4×25",
    "YJLV": "YJLV 0.6/1kV 3×185+1×95",
    "YJY": "YJY 0.6/1kV 1×240",
    "YJV22": "ZC-YJV22 0.6/1kV 4×95+1×50",
    "YJV32": "YJV32 0.6/1kV 3×300",
    "VV": "VV 0.6/1kV 3×150+2×70",
    "VLV": "VLV 0.6/1kV 4×50",
    "YJV-1.8-3kV": "YJV 1.8/3kV 3×95",
    "YJV-6-10kV": "YJV 6/10kV 3×95",
    "YJV-8.7-15kV": "YJV 8.7/15kV 3×240",
    "YJV-26-35kV": "YJV 26/35kV 1×400",
    "JKLYJ-1kV": "JKLYJ 0.6/1kV 1×70",
    "JKLYJ-10kV": "JKLYJ-10 1×240",
    "YC": "YC 450/750V 3×2.5+1×1.5",
    "YZ": "YZ 300/500V 3×1.5",
}


def conforming_value(spec: ItemSpec, limit_value: float, upper: float | None) -> float:
    """A reading comfortably inside the requirement."""
    if spec.item == "conductor_wire_count":
        return float(int(limit_value) + 1)
    if spec.item.endswith("thickness_min"):
        return round(limit_value + 0.05, 4)
    rules = {
        ItemKind.RESISTANCE: lambda: round(limit_value * 0.97, 6),
        ItemKind.MEAN_THICKNESS: lambda: round(limit_value + 0.1, 2),
        ItemKind.AT_LEAST: lambda: round(limit_value + max(0.1, limit_value * 0.1), 4),
        ItemKind.AT_MOST: lambda: round(limit_value * 0.5, 4),
        ItemKind.WITHIN: lambda: round(-limit_value / 2, 2),
        ItemKind.RANGE: lambda: round((limit_value + (upper or limit_value)) / 2, 2),
    }
    return rules[spec.kind]()


def conforming_measurements(designation: str) -> dict[str, object]:
    """Measurements for every encoded required item, each inside its requirement."""
    out: dict[str, object] = {}
    lists: dict[str, dict[float | None, dict[str, object]]] = {}
    objects: dict[str, dict[str, object]] = {}
    for spec in catalogue_items(designation):
        if not spec.encoded or spec.bound_only:
            continue
        if spec.kind is ItemKind.PASS_FAIL:
            out[spec.measurement] = "pass"
            continue
        listed = len(spec.limits) > 1
        for limit in spec.limits:
            value: float | int = conforming_value(spec, limit.value, limit.upper)
            if spec.item == "conductor_wire_count":
                value = int(value)
            if spec.field is None:
                out[spec.measurement] = value
                continue
            extra = {"temperature_c": 20.0} if spec.kind is ItemKind.RESISTANCE else {}
            if listed:
                rows = lists.setdefault(spec.measurement, {})
                row = rows.setdefault(limit.section_mm2, {"section_mm2": limit.section_mm2})
                row.update({spec.field: value, **extra})
                out[spec.measurement] = list(rows.values())
            else:
                target = objects.setdefault(spec.measurement, {})
                target.update({spec.field: value, **extra})
                out[spec.measurement] = target
    return out


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, designation in FAMILIES.items():
        sample = {
            "id": f"example-{name}",
            "designation": designation,
            "measurements": conforming_measurements(designation),
        }
        text = json.dumps(sample, ensure_ascii=False, indent=2) + "\n"
        (OUT / f"{name}.json").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
