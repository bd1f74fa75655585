"""/api/v1/penalty (the calculator) and /api/v1/cases (enforcement cases, read-only)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from cablewatch.base.errors import DomainError
from cablewatch.enforcement.penalty import PenaltyInputError, calculate

PREFIX = ""
router = Router(tags=["enforcement"])


class InvalidFigureError(DomainError):
    status = 422


class PenaltyIn(Schema):
    violation: str
    sold_value: Decimal
    unsold_value: Decimal
    illegal_income: Decimal = Decimal(0)


@router.post(
    "/penalty",
    auth=None,
    summary="Fine range, confiscations and transfer suggestion (Product Quality Law)",
    description=(
        "The same as `cablewatch penalty --json`. A pure calculation on the figures sent, "
        "so it needs no token."
    ),
)
def penalty(request: HttpRequest, payload: PenaltyIn) -> dict[str, Any]:
    try:
        result = calculate(
            payload.violation, payload.sold_value, payload.unsold_value, payload.illegal_income
        )
    except PenaltyInputError as exc:
        field = exc.flag.removeprefix("--").replace("-", "_")
        raise InvalidFigureError(exc.message, field=field, code="validation-error") from None
    return result.as_json()
