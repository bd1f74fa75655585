"""Temperature correction of conductor resistance to 20 °C (GB/T 3956-2008).

Two methods, named in each resistance item's output (``"correction"``):

- ``formula`` (default): the exact formulas of 附录B, k_t = (T + 20) / (T + t) with
  T = 234.5 for copper (plain or coated) and 228 for aluminium (B.1/B.2).
- ``table``: the tabulated factors on a 0.004/K coefficient, k_t = 1 / (1 + 0.004 (t − 20))
  to three decimals, per whole degree from 0 to 40 °C (30 °C → 0.962; the same factor for
  copper and aluminium). The reading's temperature is rounded half-up to the whole degree.
  The two differ by up to 0.1 % between 10 and 35 °C, which can flip a result at the limit.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from .errors import StandardsError
from .model import ConductorMaterial

_INFERRED_ZERO_C = {ConductorMaterial.COPPER: 234.5, ConductorMaterial.ALUMINIUM: 228.0}
MIN_TEMPERATURE_C = -50.0
MAX_TEMPERATURE_C = 150.0
FORMULA, TABLE = "formula", "table"
CORRECTIONS = (FORMULA, TABLE)
TABLE_MIN_C, TABLE_MAX_C = 0, 40
# (zh, en) name of each method, for reports
CORRECTION_LABELS = {
    FORMULA: ("GB/T 3956-2008 附录B 公式", "GB/T 3956-2008 Annex B formula"),
    TABLE: ("温度校正系数表 (0.004/K)", "tabulated factors (0.004/K)"),
}
_THOUSANDTH = Decimal("0.001")


def correction_factor(temperature_c: float, material: ConductorMaterial) -> float:
    """k_t of the 附录B formula that takes a resistance measured at ``temperature_c`` to 20 °C."""
    base = _INFERRED_ZERO_C[material]
    return (base + 20.0) / (base + temperature_c)


@cache
def tabulated_factor(degree: int) -> float:
    """The tabulated k_t of a whole degree 0..40 °C: 1 / (1 + 0.004 (t − 20)), 3 decimals."""
    if not TABLE_MIN_C <= degree <= TABLE_MAX_C:
        raise StandardsError(f"no tabulated factor for {degree} °C (table: 0..40 °C)")
    exact = Decimal(1) / (Decimal(1) + Decimal("0.004") * (degree - 20))
    return float(exact.quantize(_THOUSANDTH, rounding=ROUND_HALF_UP))


def table_degree(temperature_c: float) -> int:
    """The whole degree a reading's temperature is looked up at (half-up, as written)."""
    return int(Decimal(repr(float(temperature_c))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def in_table(temperature_c: float) -> bool:
    return TABLE_MIN_C <= table_degree(temperature_c) <= TABLE_MAX_C


def factor_for(method: str, temperature_c: float, material: ConductorMaterial) -> float:
    """k_t by the named method."""
    if method == TABLE:
        return tabulated_factor(table_degree(temperature_c))
    return correction_factor(temperature_c, material)


def correct_resistance_to_20c(
    value: float, temperature_c: float, material: ConductorMaterial | str, method: str = FORMULA
) -> float:
    """R20 = R_t x k_t; ``material`` is ``copper`` (plain or coated) or ``aluminium``.

    Aluminium alloy has no formula in the standard and is refused.
    """
    try:
        kind = ConductorMaterial(material)
    except ValueError:
        raise StandardsError(f"no temperature correction for material {material!r}") from None
    if method not in CORRECTIONS:
        raise StandardsError(f"correction must be one of {CORRECTIONS}, got {method!r}")
    if not (math.isfinite(value) and math.isfinite(temperature_c)):
        raise StandardsError("resistance and temperature must be finite numbers")
    if not MIN_TEMPERATURE_C <= temperature_c <= MAX_TEMPERATURE_C:
        raise StandardsError(f"temperature {temperature_c} °C outside {MIN_TEMPERATURE_C}..150 °C")
    return value * factor_for(method, temperature_c, kind)
