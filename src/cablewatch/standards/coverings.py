"""GB/T 12706.1-2020 附录A (IEC 60502-1:2009 Annex A): the fictitious-diameter method.

The nominal thickness of a power cable's oversheath is not in a table by cross-section: it is
``0.035·D + 1.0`` with ``D`` a *fictitious* diameter that the designation alone determines,
so that a lab and a regulator get the same nominal whatever the real conductor shape. The
chain, each step from ``data/gbt12706_annex_a.json``:

1. fictitious conductor diameter ``d_L`` from the nominal section (表A.1);
2. core ``D_c = d_L + 2·t_i`` with ``t_i`` the nominal insulation thickness;
3. laid-up cores ``D_f = k·D_c``; cores of two sizes ``D_f = k_N·ΣD_c/N`` (表A.2);
   a single core ``D_f = D_c``;
4. inner covering ``D_B = D_f + 2·t_B`` (t_B 0.4 up to D_f 40 mm, else 0.6) on every multicore
   cable and on an armoured single core;
5. armour: tape ``D_X = D_A + 4·t_A``, round wire ``D_X = D_A + 2·d_A``, steps by ``D_A``;
6. oversheath ``t_s = 0.035·D + 1.0``, not less than 1.4 mm (single core) or 1.8 mm
   (multicore, or directly over armour or other metal); smallest reading at least
   ``0.85·t_s − 0.1`` (not over metal) or ``0.80·t_s − 0.2`` (over metal).

Every fictitious diameter and the sheath nominal are rounded to 0.1 mm half-up (IEC 60502-1
Annex C.1), in ``Decimal`` so that 2.078 is 2.1 and 1.2695 is 1.3, as on paper. Pure: no
Django, no I/O beyond the packaged data file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from ._data import load_json
from .errors import StandardsError
from .model import Armour

_TENTH = Decimal("0.1")
_TWO = Decimal(2)
_FOUR = Decimal(4)
_CONFIDENCE_ORDER = ("LOW", "MEDIUM", "HIGH")
_TAPES = {Armour.STEEL_TAPE: "steel_tape", Armour.NON_MAGNETIC_TAPE: "non_magnetic_tape"}
_WIRES = frozenset({Armour.FINE_STEEL_WIRE, Armour.THICK_STEEL_WIRE, Armour.NON_MAGNETIC_WIRE})


class AnnexAGapError(StandardsError):
    """A value the method needs is not tabled (a section or core count outside 表A.1/A.2)."""


def round_tenth(value: Decimal) -> Decimal:
    """0.1 mm, half up: IEC 60502-1 C.1 (2.05 → 2.1, 2.04 → 2.0)."""
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)


def _lowest(*levels: str) -> str:
    return min(levels, key=_CONFIDENCE_ORDER.index)


@cache
def annex_a_data() -> dict[str, Any]:
    return load_json("gbt12706_annex_a.json")


def _key(section_mm2: float) -> str:
    text = repr(float(section_mm2))
    return text[:-2] if text.endswith(".0") else text


def _step(steps: list[dict[str, str | None]], diameter: Decimal) -> Decimal:
    """The value of the first step whose ``up_to`` the diameter does not exceed."""
    for step in steps:
        bound = step["up_to"]
        if bound is None or diameter <= Decimal(bound):
            return Decimal(str(step["value"]))
    raise AnnexAGapError("step table has no open last row")  # pragma: no cover - data invariant


def conductor_diameter(section_mm2: float) -> Decimal:
    """Fictitious conductor diameter d_L (表A.1), e.g. 95 mm² → 11.0 mm."""
    table: dict[str, str] = annex_a_data()["conductor_diameter"]["mm"]
    found = table.get(_key(section_mm2))
    if found is None:
        message = f"no fictitious conductor diameter for {_key(section_mm2)} mm² (表A.1)"
        raise AnnexAGapError(message)
    return Decimal(found)


def assembly_coefficient(cores: int) -> tuple[Decimal, str]:
    """Assembly coefficient k for the total number of cores (表A.2) and its confidence."""
    row = annex_a_data()["assembly_coefficient"]["rows"].get(str(cores))
    if row is None:
        raise AnnexAGapError(f"no assembly coefficient for {cores} cores (表A.2)")
    return Decimal(row["k"]), row["confidence"]


@dataclass(frozen=True, slots=True)
class CoreInput:
    """``count`` cores of ``section_mm2`` with nominal insulation ``insulation_mm``."""

    count: int
    section_mm2: float
    insulation_mm: Decimal


@dataclass(frozen=True, slots=True)
class FictitiousCore:
    count: int
    section_mm2: float
    conductor: Decimal  # d_L
    insulation: Decimal  # t_i
    diameter: Decimal  # D_c = d_L + 2·t_i


@dataclass(frozen=True, slots=True)
class ArmourLayer:
    """Armour nominal: tape thickness t_A (two tapes) or round-wire diameter d_A."""

    kind: str  # "tape" | "wire"
    nominal: Decimal
    under: Decimal  # D_A
    over: Decimal  # D_X


@dataclass(frozen=True, slots=True)
class Coverings:
    """Every fictitious diameter and the nominal coverings of one cable, in mm."""

    cores: tuple[FictitiousCore, ...]
    laid_up: Decimal  # D_f
    inner_covering: Decimal | None  # fictitious t_B (None: no inner covering)
    inner_covering_nominal: Decimal | None  # approximate thickness of an extruded one
    armour: ArmourLayer | None
    under_sheath: Decimal  # D
    over_metal: bool
    sheath_formula: Decimal  # round(0.035·D + 1.0)
    sheath_floor: Decimal
    sheath_nominal: Decimal  # max(formula, floor)
    sheath_minimum: Decimal  # smallest reading allowed
    minimum_factor: Decimal
    minimum_offset: Decimal
    confidence: str

    @property
    def total_cores(self) -> int:
        return sum(core.count for core in self.cores)


def _laid_up(cores: tuple[FictitiousCore, ...]) -> tuple[Decimal, str]:
    total = sum(core.count for core in cores)
    if total == 1:
        return cores[0].diameter, "HIGH"
    k, confidence = assembly_coefficient(total)
    if len(cores) == 1:
        return round_tenth(k * cores[0].diameter), confidence
    summed = sum((core.count * core.diameter for core in cores), Decimal(0))
    mixed = annex_a_data()["assembly_coefficient"]["mixed_sizes_confidence"]
    return round_tenth(k * summed / total), _lowest(confidence, mixed)


def _armour(armour: Armour, under: Decimal) -> tuple[ArmourLayer, str]:
    data = annex_a_data()["armour"]
    if armour in _TAPES:
        table = data["tape"][_TAPES[armour]]
        nominal = _step(table["steps"], under)
        return ArmourLayer("tape", nominal, under, under + _FOUR * nominal), table["confidence"]
    if armour in _WIRES:
        table = data["wire"]
        nominal = _step(table["steps"], under)
        confidence = table["confidence"]
        if armour is Armour.THICK_STEEL_WIRE and table["steps"][-1]["value"] == str(nominal):
            confidence = "LOW"  # see the data note: 3.15 or 4.0 above 60 mm
        return ArmourLayer("wire", nominal, under, under + _TWO * nominal), confidence
    raise AnnexAGapError(f"no armour rule for {armour.value}")  # pragma: no cover - enum is closed


def coverings(
    groups: Sequence[CoreInput], *, armour: Armour | None = None, over_metal: bool = False
) -> Coverings:
    """The whole Annex A chain for an unscreened cable (0.6/1 kV).

    ``over_metal`` says the oversheath lies directly on a metal screen or concentric
    conductor; armour implies it. Raises AnnexAGapError when a table has no value.
    """
    data = annex_a_data()
    cores = tuple(
        FictitiousCore(
            g.count,
            g.section_mm2,
            conductor_diameter(g.section_mm2),
            g.insulation_mm,
            conductor_diameter(g.section_mm2) + _TWO * g.insulation_mm,
        )
        for g in groups
    )
    laid_up, confidence = _laid_up(cores)
    multicore = sum(core.count for core in cores) > 1
    inner: Decimal | None = None
    inner_nominal: Decimal | None = None
    under_armour = laid_up
    if multicore or armour is not None:
        inner = _step(data["inner_covering_fictitious"]["steps"], laid_up)
        inner_nominal = _step(data["inner_covering_nominal"]["steps"], laid_up)
        under_armour = laid_up + _TWO * inner
        confidence = _lowest(confidence, data["inner_covering_fictitious"]["confidence"])
    layer: ArmourLayer | None = None
    under_sheath = under_armour
    if armour is not None:
        layer, armour_confidence = _armour(armour, under_armour)
        under_sheath = layer.over
        confidence = _lowest(confidence, armour_confidence)
    return _with_sheath(
        cores,
        laid_up,
        inner,
        inner_nominal,
        layer,
        under_sheath,
        confidence,
        over_metal=over_metal or armour is not None,
        multicore=multicore,
    )


def _with_sheath(  # noqa: PLR0917 - the assembled chain, one argument per stage
    cores: tuple[FictitiousCore, ...],
    laid_up: Decimal,
    inner: Decimal | None,
    inner_nominal: Decimal | None,
    layer: ArmourLayer | None,
    under_sheath: Decimal,
    confidence: str,
    *,
    over_metal: bool,
    multicore: bool,
) -> Coverings:
    sheath = annex_a_data()["oversheath"]
    formula = round_tenth(Decimal(sheath["factor"]) * under_sheath + Decimal(sheath["constant"]))
    key = "floor_multicore_or_over_metal" if multicore or over_metal else "floor_single_core"
    floor = Decimal(sheath[key])
    nominal = max(formula, floor)
    rule = sheath["minimum_over_metal" if over_metal else "minimum_not_over_metal"]
    factor, offset = Decimal(rule["factor"]), Decimal(rule["offset"])
    return Coverings(
        cores=cores,
        laid_up=laid_up,
        inner_covering=inner,
        inner_covering_nominal=inner_nominal,
        armour=layer,
        under_sheath=under_sheath,
        over_metal=over_metal,
        sheath_formula=formula,
        sheath_floor=floor,
        sheath_nominal=nominal,
        sheath_minimum=factor * nominal - offset,
        minimum_factor=factor,
        minimum_offset=offset,
        confidence=_lowest(confidence, sheath["confidence"], rule["confidence"]),
    )


def sheath_clause() -> str:
    clause: str = annex_a_data()["oversheath"]["clause"]
    return f"{clause}; {annex_a_data()['clause']}"
