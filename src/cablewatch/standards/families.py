"""What each model family (BV, YJV, ...) implies, from data/families.json."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ._data import load_json
from .model import Armour, Compound, ConductorMaterial

# Building wire is solid (class 1) up to 6 mm² and stranded (class 2) from 10 mm²: the
# usual Chinese trade convention for BV/BVV/BYJ/KVV, which 60227 IEC 01 permits.
SOLID_UP_TO_MM2 = 6


@dataclass(frozen=True, slots=True)
class FamilySpec:
    """The letters of a family as data: materials, class rule, standard, table set."""

    code: str
    name_zh: str
    category: str
    material: ConductorMaterial
    class_rule: str
    insulation: Compound
    sheath: Compound | None
    default_voltage: tuple[int, int] | None
    armourable: bool
    tables: str | None
    standard: str
    standard_by_voltage: tuple[tuple[str, str], ...]
    iec_type_by_voltage: tuple[tuple[str, str], ...]
    insulation_compound: str | None

    def conductor_class(self, largest_section_mm2: float) -> int:
        """Class by the usual convention: 'solid_upto_6' means class 1 to 6 mm², else 2."""
        if self.class_rule == "solid_upto_6":
            return 1 if largest_section_mm2 <= SOLID_UP_TO_MM2 else 2
        return int(self.class_rule)

    def standard_for(self, voltage_key: str) -> str:
        return dict(self.standard_by_voltage).get(voltage_key, self.standard)

    def iec_type_for(self, voltage_key: str) -> str | None:
        return dict(self.iec_type_by_voltage).get(voltage_key)


def _voltage_key(pair: str) -> str:
    low, high = pair.split("/")
    return f"{low}/{high}"


def _family_from_json(code: str, raw: dict[str, Any]) -> FamilySpec:
    voltage = raw["default_voltage"]
    return FamilySpec(
        code=code,
        name_zh=raw["name_zh"],
        category=raw["category"],
        material=ConductorMaterial(raw["material"]),
        class_rule=raw["conductor_class"],
        insulation=Compound(raw["insulation"]),
        sheath=Compound(raw["sheath"]) if raw["sheath"] else None,
        default_voltage=(int(voltage[0]), int(voltage[1])) if voltage else None,
        armourable=bool(raw["armourable"]),
        tables=raw["tables"],
        standard=raw["standard"],
        standard_by_voltage=tuple(raw.get("standard_by_voltage", {}).items()),
        iec_type_by_voltage=tuple(
            (_voltage_key(k), v) for k, v in raw["iec_type_by_voltage"].items()
        ),
        insulation_compound=raw["insulation_compound"],
    )


@cache
def families() -> dict[str, FamilySpec]:
    """Every known family by code."""
    raw = load_json("families.json")["families"]
    return {code: _family_from_json(code, spec) for code, spec in raw.items()}


@cache
def iec_types() -> dict[str, tuple[tuple[str, ...], tuple[int, int]]]:
    """GB/T 5023 numeric type code -> (families it may be written with, U0/U)."""
    raw = load_json("families.json")["iec_types"]
    return {
        code: (tuple(spec["families"]), (int(spec["voltage"][0]), int(spec["voltage"][1])))
        for code, spec in raw.items()
    }


@cache
def armour_digits() -> dict[str, Armour]:
    return {k: Armour(v) for k, v in load_json("families.json")["armour_digits"].items()}


@cache
def outer_digits() -> dict[str, Compound]:
    return {k: Compound(v) for k, v in load_json("families.json")["outer_digits"].items()}
