"""The penalty calculator and the transfer thresholds on worked cases from the reference
(reference/rules.md section 4), at and around each threshold."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablewatch.enforcement.penalty import PenaltyInputError, calculate, deadline, rules


def test_it_fines_an_unsafe_product_one_to_three_times_the_goods_value() -> None:
    result = calculate("unsafe_product", "20000", "10000")
    assert result.goods_value == Decimal(30000)
    assert (result.fine_min, result.fine_max) == (Decimal(30000), Decimal(90000))
    assert "第四十九条" in result.article
    assert "products" in result.confiscate and "illegal_income" in result.confiscate


def test_it_fines_adulteration_half_to_three_times_the_goods_value() -> None:
    result = calculate("adulteration", "1000.50", "0")
    assert (result.fine_min, result.fine_max) == (Decimal("500.25"), Decimal("3001.50"))
    assert "第五十条" in result.article


def test_it_fines_missing_certification_a_fixed_range_whatever_the_value() -> None:
    result = calculate("no_certification", "1", "0")
    assert (result.fine_min, result.fine_max) == (Decimal(50000), Decimal(200000))
    assert "confirm" in result.confidence
    assert not result.transfer.suggested


@pytest.mark.parametrize(
    ("sold", "unsold", "suggested"),
    [
        ("50000", "0", True),  # sales exactly at 50,000
        ("49999.99", "0", False),
        ("0", "150000", True),  # unsold exactly at 150,000
        ("0", "149999.99", False),
        ("40000", "30000", True),  # 3 x 40,000 + 30,000 = 150,000 exactly
        ("40000", "29999.99", False),
        ("10000", "120000", True),  # 3 x 10,000 + 120,000 = 150,000
        ("10000", "119999", False),
        ("0", "0", False),
    ],
)
def test_it_suggests_transfer_at_the_prosecution_thresholds(
    sold: str, unsold: str, suggested: bool
) -> None:
    for violation in ("unsafe_product", "adulteration"):
        transfer = calculate(violation, sold, unsold).transfer
        assert transfer.suggested is suggested, (violation, sold, unsold, transfer.reason)
        assert "第十六条" in transfer.basis


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("nope", "1", "1"), "--violation"),
        (("unsafe_product", "-1", "1"), "--sold-value"),
        (("unsafe_product", "1", "abc"), "--unsold-value"),
        (("unsafe_product", "1", "NaN"), "--unsold-value"),
        (("unsafe_product", "1", "1", "-5"), "--illegal-income"),
    ],
)
def test_it_refuses_bad_figures_naming_the_flag(args: tuple[str, ...], flag: str) -> None:
    with pytest.raises(PenaltyInputError) as caught:
        calculate(*args)
    assert caught.value.flag == flag


def test_every_rule_names_its_article_and_confidence() -> None:
    for section in ("violations", "deadlines"):
        for key, rule in rules()[section].items():
            assert rule["article"], key
            assert rule["confidence"], key


def test_working_day_deadlines_skip_weekends() -> None:
    friday = dt.date(2026, 11, 27)
    assert deadline("statement", friday) == dt.date(2026, 12, 4)
    assert deadline("police_decision", friday) == dt.date(2026, 11, 30)


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@given(
    sold=amounts, unsold=amounts, more=amounts, key=st.sampled_from(sorted(rules()["violations"]))
)
def test_the_range_is_ordered_and_monotone_in_the_goods_value(
    sold: Decimal, unsold: Decimal, more: Decimal, key: str
) -> None:
    low = calculate(key, sold, unsold)
    high = calculate(key, sold + more, unsold)
    assert low.fine_min <= low.fine_max
    assert low.fine_min <= high.fine_min and low.fine_max <= high.fine_max
    assert low.goods_value == sold + unsold


@given(sold=amounts, unsold=amounts, more=amounts)
def test_more_sales_never_withdraw_a_transfer_suggestion(
    sold: Decimal, unsold: Decimal, more: Decimal
) -> None:
    if calculate("adulteration", sold, unsold).transfer.suggested:
        assert calculate("adulteration", sold + more, unsold).transfer.suggested
        assert calculate("adulteration", sold, unsold + more).transfer.suggested


@pytest.mark.parametrize("figure", ["1e20", "1e308", "9" * 40, "10000000000000.01"])
def test_a_figure_beyond_any_case_is_refused_naming_its_flag(figure: str) -> None:
    """1e308 used to raise decimal.InvalidOperation (a traceback in the CLI, a 500)."""
    with pytest.raises(PenaltyInputError) as caught:
        calculate("unsafe_product", figure, "0")
    assert caught.value.flag == "--sold-value"


def test_the_largest_figure_allowed_is_calculated() -> None:
    result = calculate("unsafe_product", "10000000000000", "0")
    assert result.fine_max == Decimal("30000000000000.00")
