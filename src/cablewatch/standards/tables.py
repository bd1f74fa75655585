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


def compound(name: str) -> dict[str, Any] | None:
    """Mechanical requirements before ageing for an insulation compound, or None."""
    found: dict[str, Any] | None = requirements()["compounds"].get(name)
    return found
