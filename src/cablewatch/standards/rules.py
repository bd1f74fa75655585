"""Which items a designation must be tested for, and the requirement each is held to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any

from ._data import load_json
from .errors import StandardsError, TableError
from .families import FamilySpec, families
from .model import Designation, format_number
from .tables import requirements

_CONFIDENCE_ORDER = ("LOW", "MEDIUM", "HIGH")


class ItemKind(StrEnum):
    """How an item is compared; each kind's rule is written once, in checks.py."""

    RESISTANCE = "resistance"  # value at 20 °C ≤ limit
    MEAN_THICKNESS = "mean_thickness"  # mean rounded to 0.1 mm ≥ limit
    AT_LEAST = "at_least"  # value ≥ limit (smallest reading, tensile, elongation)
    AT_MOST = "at_most"  # value ≤ limit (hot set, shrinkage, loss of mass, wire diameter)
    WITHIN = "within"  # |value| ≤ limit (variation after ageing, %)
    RANGE = "range"  # limit ≤ value ≤ upper
    PASS_FAIL = "pass_fail"  # noqa: S105 (the lab's pass/fail, not a password)


LABELS: dict[str, tuple[str, str]] = {
    "conductor_resistance": ("导体电阻(20 °C)", "conductor resistance at 20 °C"),
    "insulation_thickness_mean": ("绝缘平均厚度", "mean insulation thickness"),
    "insulation_thickness_min": ("绝缘最薄处厚度", "smallest insulation thickness"),
    "sheath_thickness_mean": ("护套平均厚度", "mean sheath thickness"),
    "sheath_thickness_min": ("护套最薄处厚度", "smallest sheath thickness"),
    "overall_diameter_mean": ("平均外径", "mean overall diameter"),
    "insulation_tensile_strength": (
        "绝缘老化前抗张强度",
        "insulation tensile strength before ageing",
    ),
    "insulation_elongation": (
        "绝缘老化前断裂伸长率",
        "insulation elongation at break before ageing",
    ),
    "insulation_tensile_strength_aged": (
        "绝缘老化后抗张强度",
        "insulation tensile strength after ageing",
    ),
    "insulation_elongation_aged": (
        "绝缘老化后断裂伸长率",
        "insulation elongation at break after ageing",
    ),
    "insulation_tensile_variation": (
        "绝缘老化前后抗张强度变化率",
        "insulation tensile strength variation after ageing",
    ),
    "insulation_elongation_variation": (
        "绝缘老化前后断裂伸长率变化率",
        "insulation elongation variation after ageing",
    ),
    "sheath_tensile_strength": ("护套老化前抗张强度", "sheath tensile strength before ageing"),
    "sheath_elongation": ("护套老化前断裂伸长率", "sheath elongation at break before ageing"),
    "sheath_tensile_strength_aged": (
        "护套老化后抗张强度",
        "sheath tensile strength after ageing",
    ),
    "sheath_elongation_aged": ("护套老化后断裂伸长率", "sheath elongation at break after ageing"),
    "sheath_tensile_variation": (
        "护套老化前后抗张强度变化率",
        "sheath tensile strength variation after ageing",
    ),
    "sheath_elongation_variation": (
        "护套老化前后断裂伸长率变化率",
        "sheath elongation variation after ageing",
    ),
    "hot_set_elongation_under_load": ("绝缘热延伸 负荷下伸长率", "hot set: elongation under load"),
    "hot_set_permanent_elongation": (
        "绝缘热延伸 冷却后永久伸长率",
        "hot set: permanent elongation after cooling",
    ),
    "insulation_shrinkage": ("绝缘热收缩", "insulation shrinkage"),
    "insulation_loss_of_mass": ("绝缘热失重", "insulation loss of mass"),
    "sheath_loss_of_mass": ("护套热失重", "sheath loss of mass"),
    "insulation_resistance": ("绝缘电阻 (70 °C)", "insulation resistance at 70 °C"),
    "insulation_resistance_constant": (
        "绝缘电阻常数 Ki (70 °C)",
        "insulation resistance constant Ki at 70 °C",
    ),
    "conductor_wire_count": ("导体结构 单线根数", "conductor structure: number of wires"),
    "conductor_wire_diameter": ("导体结构 单线直径", "conductor structure: wire diameter"),
    "core_identification": ("绝缘线芯识别", "core identification"),
    "inner_covering_thickness_min": ("内衬层最薄处厚度", "smallest inner covering thickness"),
    "armour_wire_diameter": ("铠装金属丝直径", "armour wire diameter"),
    "armour_tape_thickness": ("铠装金属带厚度", "armour tape thickness"),
    "voltage_test": ("电压试验", "voltage test"),
    "flame_test": ("单根阻燃试验", "single-cable flame test"),
    "bunched_flame_test": ("成束阻燃试验", "bunched-cable flame test"),
    "smoke_density": ("烟密度", "smoke density"),
    "halogen_acid": ("卤酸气体", "halogen acid gas"),
    "fire_resistance": ("耐火试验", "fire resistance test"),
    "marking": ("标志", "marking"),
}

MEASUREMENT_OF: dict[str, tuple[str, str | None]] = {
    "conductor_resistance": ("conductor_resistance", "value"),
    "insulation_thickness_mean": ("insulation_thickness", "mean"),
    "insulation_thickness_min": ("insulation_thickness", "min"),
    "sheath_thickness_mean": ("sheath_thickness", "mean"),
    "sheath_thickness_min": ("sheath_thickness", "min"),
    "overall_diameter_mean": ("overall_diameter", "mean"),
    "hot_set_elongation_under_load": ("hot_set", "under_load"),
    "hot_set_permanent_elongation": ("hot_set", "permanent"),
    "insulation_resistance": ("insulation_resistance", "value"),
    "conductor_wire_count": ("conductor_structure", "wire_count"),
    "conductor_wire_diameter": ("conductor_structure", "wire_diameter"),
    "inner_covering_thickness_min": ("inner_covering_thickness", "min"),
}


@dataclass(frozen=True, slots=True)
class Limit:
    """The number(s) one section (or, with section None, the whole cable) is held to."""

    section_mm2: float | None
    value: float
    upper: float | None = None

    def to_json(self) -> dict[str, object]:
        return {"section_mm2": self.section_mm2, "value": self.value, "upper": self.upper}


@dataclass(frozen=True, slots=True)
class ItemSpec:
    """One required test item with its requirement, or the standard that is missing.

    ``bound_only`` items encode only a floor of the requirement: they can fail a sample
    but a reading above the floor proves nothing, so it is reported as not encoded.
    """

    item: str
    kind: ItemKind
    requirement: str
    requirement_en: str
    clause: str
    confidence: str
    limits: tuple[Limit, ...] = ()
    missing_standard: str | None = None
    bound_only: bool = False

    @property
    def measurement(self) -> str:
        return MEASUREMENT_OF.get(self.item, (self.item, None))[0]

    @property
    def field(self) -> str | None:
        return MEASUREMENT_OF.get(self.item, (self.item, None))[1]

    @property
    def encoded(self) -> bool:
        return self.missing_standard is None or self.bound_only

    def to_json(self) -> dict[str, object]:
        return {
            "item": self.item,
            "measurement": self.measurement,
            "requirement": self.requirement,
            "requirement_en": self.requirement_en,
            "clause": self.clause,
            "confidence": self.confidence,
            "limits": [limit.to_json() for limit in self.limits],
            "encoded": self.encoded,
            "missing_standard": self.missing_standard,
            "bound_only": self.bound_only,
        }


def lowest_confidence(*levels: str) -> str:
    return min(levels, key=_CONFIDENCE_ORDER.index)


def not_encoded(item: str, standard: str) -> ItemSpec:
    zh, en = LABELS[item]
    return ItemSpec(
        item=item,
        kind=ItemKind.PASS_FAIL,
        requirement=f"要求表未编码: {standard} ({zh})",
        requirement_en=f"requirement table not encoded: {standard} ({en})",
        clause=standard,
        confidence="-",
        missing_standard=standard,
    )


def _join(parts: list[tuple[float | None, str]], label: str) -> str:
    if len(parts) == 1:
        return f"{label} {parts[0][1]}"
    return label + ": " + "; ".join(f"{format_number(s or 0)} mm² {text}" for s, text in parts)


def described(
    item: str, kind: ItemKind, limits: list[Limit], texts: list[str], sources: list[tuple[str, str]]
) -> ItemSpec:
    """An encoded item whose requirement text lists each limit's text."""
    zh, en = LABELS[item]
    parts = [(limit.section_mm2, text) for limit, text in zip(limits, texts, strict=True)]
    return ItemSpec(
        item=item,
        kind=kind,
        requirement=_join(parts, zh),
        requirement_en=_join(parts, en),
        clause="; ".join(dict.fromkeys(clause for clause, _ in sources)),
        confidence=lowest_confidence(*(conf for _, conf in sources)),
        limits=tuple(limits),
    )


@dataclass(frozen=True, slots=True)
class Context:
    """A designation with what its family implies, resolved once.

    ``coating``: "plain" or "tinned" (metal-coated) conductor wires, from the sample.
    """

    designation: Designation
    family: FamilySpec
    standard: str
    iec_type: str | None
    coating: str = "plain"


def context_for(designation: Designation, coating: str = "plain") -> Context:
    spec = families()[designation.family.rstrip("0123456789")]
    key = designation.voltage_key
    return Context(
        designation=designation,
        family=spec,
        standard=spec.standard_for(key),
        iec_type=designation.iec_type or spec.iec_type_for(key),
        coating=coating,
    )


@dataclass(frozen=True, slots=True)
class Edition:
    """One spot-check rule edition: its names, source, and the items it adds or drops."""

    key: str
    name_zh: str
    name_en: str
    source: str
    confidence: str
    base: str | None
    # category ('*' for every one) -> (items added, items dropped)
    changes: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.key,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "source": self.source,
            "confidence": self.confidence,
            "base": self.base,
        }


def _edition(key: str, raw: dict[str, Any]) -> Edition:
    additions = tuple(requirements()["required_items"]["additions"]["items"])
    changes = []
    for category, change in raw.get("changes", {}).items():
        added = change.get("add", [])
        added = additions if added == "additions" else tuple(added)
        for name in (*added, *change.get("drop", [])):
            if name not in LABELS:
                raise TableError(f"data/rule_editions.json: {key}.{category}: unknown item {name}")
        changes.append((str(category), added, tuple(change.get("drop", []))))
    return Edition(
        key=key,
        name_zh=raw["name_zh"],
        name_en=raw["name_en"],
        source=raw["source"],
        confidence=raw["confidence"],
        base=raw.get("base"),
        changes=tuple(changes),
    )


@cache
def editions() -> dict[str, Edition]:
    """The rule editions a sample may name (data/rule_editions.json)."""
    raw = load_json("rule_editions.json")
    found = {key: _edition(key, spec) for key, spec in raw["editions"].items()}
    for edition in found.values():
        if edition.base is not None and edition.base not in found:
            raise TableError(f"data/rule_editions.json: {edition.key}: unknown base {edition.base}")
    return found


@cache
def default_rule() -> str:
    """The rule edition a sample is judged by when it names none."""
    return str(load_json("rule_editions.json")["default"])


def _national_names(designation: Designation, category: str) -> list[str]:
    rules = requirements()["required_items"]
    names: list[str] = list(rules["categories"][category])
    flame = designation.flame_retardant
    if flame is not None:
        names += rules["flame_retardant"]
        if flame.bunched_category:
            names += rules["bunched"]
    if designation.low_smoke_halogen_free:
        names += rules["low_smoke_halogen_free"]
    if designation.fire_resistant:
        names += rules["fire_resistant"]
    return names


def _edition_names(designation: Designation, category: str, key: str) -> list[str]:
    edition = editions().get(key)
    if edition is None:
        raise StandardsError(f"unknown rule edition {key!r} (known: {', '.join(editions())})")
    if edition.base is None:
        names = _national_names(designation, category)
    else:
        names = _edition_names(designation, category, edition.base)
    for where, added, dropped in edition.changes:
        if where in ("*", category):
            names = [name for name in names if name not in dropped] + list(added)
    return names


@lru_cache(maxsize=2048)
def required_item_names(designation: Designation, rule: str | None = None) -> tuple[str, ...]:
    """Item names a rule edition (default: national 2024) requires for this designation.

    Raises StandardsError for an unknown edition. Items that do not apply to the
    designation are left off later, by the work-list builders.
    """
    category = context_for(designation).family.category
    return tuple(dict.fromkeys(_edition_names(designation, category, rule or default_rule())))
