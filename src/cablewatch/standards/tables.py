"""Lookups into the packaged requirement tables (data/*.csv, data/requirements.json)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from ._data import load_csv, load_json
from .model import ConductorMaterial


@dataclass(frozen=True, slots=True)
class TableValue:
    """One number from a table with where it comes from."""

    value: float
    clause: str
    confidence: str


@dataclass(frozen=True, slots=True)
class Gbt5023Row:
    """One row of a GB/T 5023 (IEC 60227) type table."""

    insulation_tn: float
    sheath_tn: float | None
    od_lower: float
    od_upper: float
    clause: str
    thickness_confidence: str
    diameter_confidence: str
    insulation_resistance: float | None = None  # MΩ·km at 70 °C
    ir_confidence: str = ""
    minor_lower: float | None = None  # flat cables: the minor dimension's limits
    minor_upper: float | None = None


@dataclass(frozen=True, slots=True)
class FamilyRow:
    """One row of a family's own table (JB/T 8734, JB/T 10491, GB/T 9330, GB/T 12527/14049)."""

    insulation_tn: float
    sheath_tn: float | None
    od_lower: float | None
    od_upper: float | None
    insulation_min_rule: str
    clause: str
    thickness_confidence: str
    diameter_confidence: str


@dataclass(frozen=True, slots=True)
class CompoundItem:
    """One requirement of a compound: kind (at_least / at_most / within), value, conditions."""

    item: str
    kind: str
    value: float
    unit: str
    clause: str
    confidence: str
    conditions: str | None
    conditions_en: str | None


@dataclass(frozen=True, slots=True)
class MinimumRule:
    """Minimum single reading = factor x nominal - offset (optional floor on the nominal)."""

    factor: Decimal
    offset: Decimal
    floor_mm: Decimal | None
    clause: str
    confidence: str

    def minimum_for(self, nominal: float) -> float:
        # Decimal so that 0.9 x 0.7 - 0.1 is exactly 0.53, not 0.5299999999999999.
        return float(self.factor * Decimal(repr(nominal)) - self.offset)


@cache
def _resistance_index() -> dict[tuple[int, str, str, float], TableValue]:
    return {
        (int(r["conductor_class"]), r["material"], r["coating"], float(r["section_mm2"])): (
            TableValue(float(r["max_ohm_per_km"]), r["clause"], r["confidence"])
        )
        for r in load_csv("conductor_resistance.csv")
    }


@lru_cache(maxsize=1024)
def max_resistance(
    conductor_class: int, material: ConductorMaterial, section_mm2: float, coating: str = "plain"
) -> TableValue | None:
    """Maximum DC resistance at 20 °C in Ω/km (GB/T 3956-2008), or None if not tabled."""
    return _resistance_index().get((conductor_class, material.value, coating, section_mm2))


def _optional_float(text: str) -> float | None:
    return float(text) if text else None


@cache
def _gbt5023_index() -> dict[tuple[str, int, float, int], Gbt5023Row]:
    index: dict[tuple[str, int, float, int], Gbt5023Row] = {}
    for r in load_csv("gbt5023_types.csv"):
        key = (r["iec_type"], int(r["cores"]), float(r["section_mm2"]), int(r["conductor_class"]))
        index[key] = Gbt5023Row(
            insulation_tn=float(r["insulation_tn_mm"]),
            sheath_tn=_optional_float(r["sheath_tn_mm"]),
            od_lower=float(r["od_lower_mm"]),
            od_upper=float(r["od_upper_mm"]),
            clause=r["clause"],
            thickness_confidence=r["thickness_confidence"],
            diameter_confidence=r["diameter_confidence"],
            insulation_resistance=_optional_float(r["ir_70c_mohm_km"]),
            ir_confidence=r["ir_confidence"],
            minor_lower=_optional_float(r["minor_od_lower_mm"]),
            minor_upper=_optional_float(r["minor_od_upper_mm"]),
        )
    return index


def gbt5023_row(
    iec_type: str, cores: int, section_mm2: float, conductor_class: int
) -> Gbt5023Row | None:
    """The type-table row for a GB/T 5023 type, or None when not encoded."""
    return _gbt5023_index().get((iec_type, cores, section_mm2, conductor_class))


@cache
def gbt5023_types_encoded() -> frozenset[str]:
    return frozenset(key[0] for key in _gbt5023_index())


@cache
def _gbt12706_index() -> dict[tuple[str, str, float], TableValue]:
    return {
        (r["insulation"], r["voltage"], float(r["section_mm2"])): TableValue(
            float(r["insulation_tn_mm"]), r["clause"], r["confidence"]
        )
        for r in load_csv("gbt12706_insulation.csv")
    }


def gbt12706_insulation(
    insulation: str, section_mm2: float, voltage_key: str = "600/1000"
) -> TableValue | None:
    """Nominal insulation thickness of GB/T 12706.1 cables (0.6/1 and 1.8/3 kV), or None."""
    return _gbt12706_index().get((insulation, voltage_key, section_mm2))


def requirements() -> dict[str, Any]:
    return load_json("requirements.json")


@cache
def minimum_rule(name: str) -> MinimumRule:
    raw = requirements()["thickness_rules"][name]
    floor = raw.get("floor_mm")
    return MinimumRule(
        factor=Decimal(raw["factor"]),
        offset=Decimal(raw["offset"]),
        floor_mm=Decimal(floor) if floor else None,
        clause=raw["clause"],
        confidence=raw["confidence"],
    )


@cache
def _family_index() -> dict[tuple[str, str, str, float], FamilyRow]:
    return {
        (r["family"], r["voltage"], r["cores"], float(r["section_mm2"])): FamilyRow(
            insulation_tn=float(r["insulation_tn_mm"]),
            sheath_tn=_optional_float(r["sheath_tn_mm"]),
            od_lower=_optional_float(r["od_lower_mm"]),
            od_upper=_optional_float(r["od_upper_mm"]),
            insulation_min_rule=r["insulation_min_rule"],
            clause=r["clause"],
            thickness_confidence=r["thickness_confidence"],
            diameter_confidence=r["diameter_confidence"],
        )
        for r in load_csv("family_types.csv")
    }


def family_row(family: str, voltage_key: str, cores: int, section_mm2: float) -> FamilyRow | None:
    """A family's own table row (data/family_types.csv); ``*`` rows hold for any core count."""
    index = _family_index()
    return index.get((family, voltage_key, str(cores), section_mm2)) or index.get(
        (family, voltage_key, "*", section_mm2)
    )


@cache
def _mv_index() -> dict[tuple[str, str], tuple[float, TableValue]]:
    return {
        (r["insulation"], r["voltage"]): (
            float(r["min_section_mm2"]),
            TableValue(float(r["insulation_tn_mm"]), r["clause"], r["confidence"]),
        )
        for r in load_csv("gbt12706_mv_insulation.csv")
    }


def mv_insulation(insulation: str, voltage_key: str, section_mm2: float) -> TableValue | None:
    """Nominal insulation of a medium-voltage cable (GB/T 12706.2/.3), or None."""
    found = _mv_index().get((insulation, voltage_key))
    if found is None or section_mm2 < found[0]:
        return None
    return found[1]


@cache
def _extra_resistance_index() -> dict[tuple[str, int, str, str, float], TableValue]:
    return {
        (
            r["family"],
            int(r["conductor_class"]),
            r["material"],
            r["coating"],
            float(r["section_mm2"]),
        ): TableValue(float(r["max_ohm_per_km"]), r["clause"], r["confidence"])
        for r in load_csv("resistance_extra.csv")
    }


def family_resistance(
    family: str,
    conductor_class: int,
    material: ConductorMaterial,
    section_mm2: float,
    coating: str = "plain",
) -> TableValue | None:
    """A product standard's own resistance where GB/T 3956 has none (BLV Al 2.5-6 mm²)."""
    key = (family, conductor_class, material.value, coating, section_mm2)
    return _extra_resistance_index().get(key)


@cache
def _compounds() -> dict[str, Any]:
    return load_json("compounds.json")


def compound_item(name: str, item: str) -> CompoundItem | None:
    """A compound's requirement for one item (data/compounds.json), or None."""
    raw = _compounds()["compounds"].get(name, {}).get("items", {}).get(item)
    if raw is None:
        return None
    return CompoundItem(
        item=item,
        kind=raw["kind"],
        value=float(raw["value"]),
        unit=raw["unit"],
        clause=raw["clause"],
        confidence=raw["confidence"],
        conditions=raw.get("conditions"),
        conditions_en=raw.get("conditions_en"),
    )


def compound_standard(name: str) -> str | None:
    found = _compounds()["compounds"].get(name)
    return str(found["standard"]) if found else None


def compound_not_applicable(name: str, item: str) -> bool:
    """True when the compound's standard has no such requirement (hot set of PVC)."""
    found = _compounds()["compounds"].get(name)
    return bool(found) and item in found.get("not_applicable", ())


def sheath_compound(family: str, category: str, sheath: str | None) -> str | None:
    """The sheath compound (ST2, ST4, ST5, ST7) a family's sheath is held to, or None."""
    if sheath is None:
        return None
    rules = _compounds()["sheath_compound"]
    by_family = rules["by_family"].get(family)
    found = (by_family or rules["by_category"].get(category, {})).get(sheath)
    return str(found) if found else None


@cache
def _structure_index() -> dict[tuple[int, str, float], dict[str, str]]:
    return {
        (int(r["conductor_class"]), r["material"], float(r["section_mm2"])): r
        for r in load_csv("conductor_structure.csv")
    }


def conductor_structure(
    conductor_class: int, material: ConductorMaterial, section_mm2: float
) -> tuple[int | None, float | None, str, str] | None:
    """(minimum wire count, maximum wire diameter mm, clause, confidence) or None (GB/T 3956)."""
    row = _structure_index().get((conductor_class, material.value, section_mm2))
    if row is None:
        return None
    wires = int(row["min_wires"]) if row["min_wires"] else None
    return wires, _optional_float(row["max_wire_diameter_mm"]), row["clause"], row["confidence"]
