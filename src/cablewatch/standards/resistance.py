"""Temperature correction of conductor resistance to 20 °C (GB/T 3956-2008 附录B)."""

from __future__ import annotations

import math

from .errors import StandardsError
from .model import ConductorMaterial

# k_t = (T + 20) / (T + t): T = 234.5 for copper, 228 for aluminium (附录B formulas B.1/B.2).
_INFERRED_ZERO_C = {ConductorMaterial.COPPER: 234.5, ConductorMaterial.ALUMINIUM: 228.0}
MIN_TEMPERATURE_C = -50.0
MAX_TEMPERATURE_C = 150.0


def correction_factor(temperature_c: float, material: ConductorMaterial) -> float:
    """k_t that takes a resistance measured at ``temperature_c`` to 20 °C."""
    base = _INFERRED_ZERO_C[material]
    return (base + 20.0) / (base + temperature_c)


def correct_resistance_to_20c(
    value: float, temperature_c: float, material: ConductorMaterial | str
) -> float:
    """R20 = R_t x k_t; ``material`` is ``copper`` (plain or coated) or ``aluminium``.

    Aluminium alloy has no formula in the standard and is refused.
    """
    try:
        kind = ConductorMaterial(material)
    except ValueError:
        raise StandardsError(f"no temperature correction for material {material!r}") from None
    if not (math.isfinite(value) and math.isfinite(temperature_c)):
        raise StandardsError("resistance and temperature must be finite numbers")
    if not MIN_TEMPERATURE_C <= temperature_c <= MAX_TEMPERATURE_C:
        raise StandardsError(f"temperature {temperature_c} °C outside {MIN_TEMPERATURE_C}..150 °C")
    return value * correction_factor(temperature_c, kind)
