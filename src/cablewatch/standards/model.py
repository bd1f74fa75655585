"""The parsed form of a Chinese wire and cable model designation (型号)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

STANDARD_SECTIONS_MM2: frozenset[float] = frozenset(
    (
        0.5,
        0.75,
        1.0,
        1.5,
        2.5,
        4.0,
        6.0,
        10.0,
        16.0,
        25.0,
        35.0,
        50.0,
        70.0,
        95.0,
        120.0,
        150.0,
        185.0,
        240.0,
        300.0,
        400.0,
        500.0,
        630.0,
        800.0,
        1000.0,
        1200.0,
        1400.0,
        1600.0,
        1800.0,
        2000.0,
        2500.0,
    )
)
CONDUCTOR_CLASSES = (1, 2, 5, 6)
TIMES = "\u00d7"  # the multiplication sign of 3x95+1x50
MINUS = "\u2212"
EN_DASH = "\u2013"
MAX_CORES = 61


class ConductorMaterial(StrEnum):
    COPPER = "copper"
    ALUMINIUM = "aluminium"


class Compound(StrEnum):
    PVC = "PVC"
    XLPE = "XLPE"
    PE = "PE"
    XLPO = "XLPO"
    RUBBER = "rubber"


class Armour(StrEnum):
    STEEL_TAPE = "steel_tape"
    FINE_STEEL_WIRE = "fine_steel_wire"
    THICK_STEEL_WIRE = "thick_steel_wire"
    NON_MAGNETIC_TAPE = "non_magnetic_tape"
    NON_MAGNETIC_WIRE = "non_magnetic_wire"


class FlameClass(StrEnum):
    """Flame-retardant marks: GB/T 19666-2019 classes and the legacy ZR family."""

    Z = "Z"
    ZA = "ZA"
    ZB = "ZB"
    ZC = "ZC"
    ZD = "ZD"
    ZR = "ZR"
    ZRA = "ZRA"
    ZRB = "ZRB"
    ZRC = "ZRC"

    @property
    def bunched_category(self) -> str | None:
        """The bunched-cable test category (A-D), or None for single-cable classes."""
        last = self.value[-1]
        return last if last in "ABCD" and self.value not in ("Z", "ZR") else None


def format_number(value: float) -> str:
    """Shortest plain spelling of a number: 2.5 -> '2.5', 4.0 -> '4', 0.0775 -> '0.0775'."""
    text = repr(float(value))
    if "e" in text:
        text = f"{value:f}".rstrip("0").rstrip(".")
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True, slots=True)
class CoreGroup:
    """``count`` cores of ``section_mm2`` each, e.g. the ``3x95`` of ``3x95+1x50``."""

    count: int
    section_mm2: float

    def __post_init__(self) -> None:
        if isinstance(self.count, bool) or not 1 <= self.count <= MAX_CORES:
            raise ValueError(f"core count must be 1..{MAX_CORES}, got {self.count!r}")
        if float(self.section_mm2) not in STANDARD_SECTIONS_MM2:
            raise ValueError(f"not a standard cross-section: {self.section_mm2!r}")

    def to_json(self) -> dict[str, object]:
        return {"count": self.count, "section_mm2": self.section_mm2}


@dataclass(frozen=True, slots=True)
class Designation:
    """A parsed model designation; build it with ``parse_designation``."""

    family: str
    conductor_material: ConductorMaterial
    conductor_class: int
    insulation: Compound
    sheath: Compound | None
    armour: Armour | None
    flame_retardant: FlameClass | None
    low_smoke_halogen_free: bool
    fire_resistant: bool
    u0_v: int | None
    u_v: int
    cores: tuple[CoreGroup, ...]
    iec_type: str | None = None

    def __post_init__(self) -> None:
        if self.conductor_class not in CONDUCTOR_CLASSES:
            raise ValueError(f"conductor class must be one of {CONDUCTOR_CLASSES}")
        if not self.cores:
            raise ValueError("a designation needs at least one core group")
        if self.u_v <= 0 or (self.u0_v is not None and not 0 < self.u0_v <= self.u_v):
            raise ValueError("rated voltage must satisfy 0 < U0 <= U")

    @property
    def sections_mm2(self) -> tuple[float, ...]:
        """Distinct cross-sections, in the order written."""
        return tuple(dict.fromkeys(group.section_mm2 for group in self.cores))

    @property
    def voltage_key(self) -> str:
        """'U0/U' in volts, e.g. '450/750' ('/10000' when only U is known)."""
        return f"{self.u0_v or ''}/{self.u_v}"

    @property
    def total_cores(self) -> int:
        return sum(group.count for group in self.cores)

    def to_json(self) -> dict[str, object]:
        """The structure as plain JSON values."""
        return {
            "family": self.family,
            "iec_type": self.iec_type,
            "conductor_material": self.conductor_material.value,
            "conductor_class": self.conductor_class,
            "insulation": self.insulation.value,
            "sheath": self.sheath.value if self.sheath else None,
            "armour": self.armour.value if self.armour else None,
            "flame_retardant": self.flame_retardant.value if self.flame_retardant else None,
            "low_smoke_halogen_free": self.low_smoke_halogen_free,
            "fire_resistant": self.fire_resistant,
            "rated_voltage": {"u0_v": self.u0_v, "u_v": self.u_v},
            "cores": [group.to_json() for group in self.cores],
        }
