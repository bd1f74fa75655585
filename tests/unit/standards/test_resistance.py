"""Temperature correction to 20 °C (GB/T 3956-2008 附录B)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablewatch.standards import StandardsError, correct_resistance_to_20c

values = st.floats(min_value=1e-4, max_value=1e3, allow_nan=False)
temperatures = st.floats(min_value=-50, max_value=150, allow_nan=False)
materials = st.sampled_from(["copper", "aluminium"])


@given(values, materials)
def test_it_leaves_a_reading_at_20_c_unchanged(value: float, material: str) -> None:
    assert correct_resistance_to_20c(value, 20.0, material) == value


@given(values, values, temperatures, materials)
def test_it_is_monotone_in_the_reading(a: float, b: float, t: float, material: str) -> None:
    low, high = sorted((a, b))
    assert correct_resistance_to_20c(low, t, material) <= correct_resistance_to_20c(
        high, t, material
    )


@given(values, temperatures, temperatures, materials)
def test_it_lowers_the_value_as_the_measuring_temperature_rises(
    value: float, t1: float, t2: float, material: str
) -> None:
    cold, warm = sorted((t1, t2))
    assert correct_resistance_to_20c(value, warm, material) <= correct_resistance_to_20c(
        value, cold, material
    )


def test_it_uses_the_annex_b_formulas() -> None:
    # copper: 254.5 / (234.5 + t); aluminium: 248 / (228 + t)
    assert correct_resistance_to_20c(7.62, 23.0, "copper") == pytest.approx(7.62 * 254.5 / 257.5)
    assert correct_resistance_to_20c(0.168, 25.0, "aluminium") == pytest.approx(0.168 * 248 / 253)
    assert correct_resistance_to_20c(1.0, 30.0, "copper") == pytest.approx(
        1 / (1 + 0.00393 * 10), rel=1e-4
    )


@pytest.mark.parametrize(
    ("value", "t", "material"),
    [(1.0, 20.0, "alloy"), (float("nan"), 20.0, "copper"), (1.0, 400.0, "copper")],
)
def test_it_rejects_what_it_cannot_correct(value: float, t: float, material: str) -> None:
    with pytest.raises(StandardsError):
        correct_resistance_to_20c(value, t, material)
