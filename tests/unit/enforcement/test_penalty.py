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


@pytest.mark.parametrize(
    ("sold", "unsold", "reason"),
    [
        ("50000", "0", "sales 50000.00 >= 50000"),
        ("0", "150000", "unsold goods value 150000.00 >= 150000"),
        ("40000", "30000", "sales 40000.00 < 50000 but 3 x sales + unsold = 150000.00 >= 150000"),
        ("1", "2", "below the thresholds (sales 1.00 < 50000, 3 x sales + unsold = 5.00)"),
    ],
)
def test_the_transfer_reason_names_the_threshold_that_was_met(
    sold: str, unsold: str, reason: str
) -> None:
    """Known answers: the officer reads which threshold of Art. 16 was met."""
    assert calculate("unsafe_product", sold, unsold).transfer.reason == reason


def test_no_sales_threshold_for_a_missing_certificate() -> None:
    transfer = calculate("no_certification", "900000", "900000").transfer
    assert (transfer.suggested, transfer.reason, transfer.basis) == (
        False,
        "no sales threshold applies to this violation",
        "",
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "must be a number"),
        (True, "must be a number"),
        ("abc", "must be a number"),
        ("Infinity", "must be a finite number"),
        ("-0.01", "must not be negative"),
    ],
)
def test_bad_money_is_refused_with_flag_and_reason(value: object, message: str) -> None:
    from cablewatch.enforcement.penalty import money

    with pytest.raises(PenaltyInputError) as caught:
        money(value, "--sold-value")
    assert (caught.value.flag, caught.value.message) == ("--sold-value", message)
    assert str(caught.value) == f"--sold-value: {message}"


def test_the_json_contract_by_value() -> None:
    """Hand-checked: goods 1,000.50 + 0 unsold; Art. 49 fines 1x to 3x (1,000.50 to 3,001.50);
    whole yuan print as integers, cents as decimals; far below the Art. 16 thresholds."""
    penalty = calculate("unsafe_product", "1000.50", "0", "12")
    assert penalty.as_json() == {
        "violation": "unsafe_product",
        "article": "产品质量法 第四十九条 (Product Quality Law Art. 49)",
        "goods_value": 1000.5,
        "fine_min": 1000.5,
        "fine_max": 3001.5,
        "confiscate": ["products", "illegal_income"],
        "illegal_income": 12,
        "licence_revocation": "serious cases: business licence revoked",
        "transfer": {
            "suggested": False,
            "reason": "below the thresholds (sales 1000.50 < 50000, 3 x sales + unsold = 3001.50)",
            "basis": "最高检、公安部 立案追诉标准(一) 第十六条; 刑法 第一百四十条",
        },
        "confidence": "verified against the reference",
        "working": [
            "goods value = sold 1000.50 + unsold 0.00 = 1000.50",
            "fine 1 x to 3 x goods value = 1000.50 to 3001.50",
            "article: 产品质量法 第四十九条 (Product Quality Law Art. 49)",
            "illegal income 12.00 confiscated",
        ],
    }
    assert isinstance(penalty.as_json()["illegal_income"], int)
    assert penalty.contains(Decimal("1000.50")) and penalty.contains(Decimal("3001.50"))
    assert not penalty.contains(Decimal("1000.49")) and not penalty.contains(Decimal("3001.51"))


@pytest.mark.parametrize("figure", ["1e20", "1e308", "9" * 40, "10000000000000.01"])
def test_a_figure_beyond_any_case_is_refused_naming_its_flag(figure: str) -> None:
    """1e308 used to raise decimal.InvalidOperation (a traceback in the CLI, a 500)."""
    with pytest.raises(PenaltyInputError) as caught:
        calculate("unsafe_product", figure, "0")
    assert caught.value.flag == "--sold-value"


def test_the_largest_figure_allowed_is_calculated() -> None:
    result = calculate("unsafe_product", "10000000000000", "0")
    assert result.fine_max == Decimal("30000000000000.00")


def test_a_fixed_range_and_an_unknown_violation_by_value() -> None:
    fixed = calculate("no_certification", "100", "0")
    assert fixed.illegal_income == Decimal("0.00")  # none given: nothing to confiscate
    assert fixed.working[1] == "fine 50000 to 200000 yuan, whatever the goods value"
    with pytest.raises(PenaltyInputError) as caught:
        calculate("nope", "1", "1")
    assert caught.value.message == (
        "unknown violation 'nope' "
        "(one of unsafe_product, adulteration, no_certification, refused_inspection)"
    )
