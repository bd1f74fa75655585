"""The penalty calculator: the legal range of a fine, the confiscations and whether
the case should go to the police, from the violation and the figures.

Pure Python (no Django): the rules are data in `data/rules.json`, each with the
article it comes from, so that the calculator shows its working.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.json"
CENT = Decimal("0.01")
# Ten trillion yuan, beyond any case's figures; a larger one (1e20, 1e308) would carry
# more digits than the fine's arithmetic keeps (28), so it is refused with the flag named.
MAX_YUAN = Decimal(10**13)


class PenaltyInputError(ValueError):
    """A figure or key the calculator cannot use; `flag` names the input at fault."""

    def __init__(self, flag: str, message: str) -> None:
        super().__init__(f"{flag}: {message}")
        self.flag = flag
        self.message = message


@cache
def rules() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    return data


def violation_keys() -> list[str]:
    return list(rules()["violations"])


def money(raw: object, flag: str) -> Decimal:
    """A non-negative finite amount of yuan, or PenaltyInputError naming `flag`."""
    if raw is None or isinstance(raw, bool):
        raise PenaltyInputError(flag, "must be a number")
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise PenaltyInputError(flag, "must be a number") from None
    if not value.is_finite():
        raise PenaltyInputError(flag, "must be a finite number")
    if value < 0:
        raise PenaltyInputError(flag, "must not be negative")
    if value > MAX_YUAN:
        raise PenaltyInputError(flag, f"must be at most {MAX_YUAN:.0e} yuan")
    return value.quantize(CENT)


@dataclass(frozen=True)
class Transfer:
    suggested: bool
    reason: str
    basis: str


@dataclass(frozen=True)
class Penalty:
    violation: str
    article: str
    goods_value: Decimal
    fine_min: Decimal
    fine_max: Decimal
    confiscate: list[str]
    illegal_income: Decimal
    licence_revocation: str
    transfer: Transfer
    confidence: str
    working: list[str] = field(default_factory=list)

    def contains(self, fine: Decimal) -> bool:
        return self.fine_min <= fine <= self.fine_max

    def as_json(self) -> dict[str, Any]:
        return {
            "violation": self.violation,
            "article": self.article,
            "goods_value": number(self.goods_value),
            "fine_min": number(self.fine_min),
            "fine_max": number(self.fine_max),
            "confiscate": list(self.confiscate),
            "illegal_income": number(self.illegal_income),
            "licence_revocation": self.licence_revocation,
            "transfer": {
                "suggested": self.transfer.suggested,
                "reason": self.transfer.reason,
                "basis": self.transfer.basis,
            },
            "confidence": self.confidence,
            "working": list(self.working),
        }


def number(value: Decimal) -> int | float:
    """A JSON number: whole yuan as an integer, otherwise the amount in cents as a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def transfer_for_sales(sold: Decimal, unsold: Decimal, criminal: list[str]) -> Transfer:
    """Art. 16 of the prosecution standard (一): the thresholds for selling substandard goods."""
    if "art140" not in criminal:
        return Transfer(False, "no sales threshold applies to this violation", "")
    rule = rules()["transfer"]["art140"]
    basis = rule["article"]
    sales_min, unsold_min = Decimal(rule["sales_min"]), Decimal(rule["unsold_min"])
    combined = Decimal(rule["combined_sales_multiplier"]) * sold + unsold
    if sold >= sales_min:
        return Transfer(True, f"sales {sold} >= {sales_min}", basis)
    if unsold >= unsold_min:
        return Transfer(True, f"unsold goods value {unsold} >= {unsold_min}", basis)
    if combined >= Decimal(rule["combined_min"]):
        reason = f"sales {sold} < {sales_min} but 3 x sales + unsold = {combined} >= {unsold_min}"
        return Transfer(True, reason, basis)
    reason = f"below the thresholds (sales {sold} < {sales_min}, 3 x sales + unsold = {combined})"
    return Transfer(False, reason, basis)


def calculate(
    violation: str,
    sold_value: object,
    unsold_value: object,
    illegal_income: object = 0,
) -> Penalty:
    """The fine range for `violation` with the given figures (yuan), and its working."""
    spec = rules()["violations"].get(violation)
    if spec is None:
        known = ", ".join(violation_keys())
        raise PenaltyInputError("--violation", f"unknown violation {violation!r} (one of {known})")
    sold = money(sold_value, "--sold-value")
    unsold = money(unsold_value, "--unsold-value")
    income = money(illegal_income, "--illegal-income")
    goods = sold + unsold
    fine = spec["fine"]
    working = [f"goods value = sold {sold} + unsold {unsold} = {goods}"]
    if fine["basis"] == "goods_value":
        low, high = Decimal(fine["min_multiple"]), Decimal(fine["max_multiple"])
        fine_min, fine_max = (low * goods).quantize(CENT), (high * goods).quantize(CENT)
        working.append(f"fine {low} x to {high} x goods value = {fine_min} to {fine_max}")
    else:
        fine_min, fine_max = Decimal(fine["min_amount"]), Decimal(fine["max_amount"])
        working.append(f"fine {fine_min} to {fine_max} yuan, whatever the goods value")
    working.append(f"article: {spec['article']}")
    if income:
        working.append(f"illegal income {income} confiscated")
    return Penalty(
        violation=violation,
        article=spec["article"],
        goods_value=goods,
        fine_min=fine_min,
        fine_max=fine_max,
        confiscate=list(spec["confiscate"]),
        illegal_income=income,
        licence_revocation=spec["licence_revocation"],
        transfer=transfer_for_sales(sold, unsold, spec["criminal"]),
        confidence=spec["confidence"],
        working=working,
    )


def deadline(rule: str, start: dt.date) -> dt.date:
    """The date a step is due, counting `days` from `start` (working days skip weekends)."""
    spec = rules()["deadlines"][rule]
    days = int(spec["days"])
    if not spec["working"]:
        return start + dt.timedelta(days=days)
    day = start
    while days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:  # public holidays are not modelled
            days -= 1
    return day
