"""/api/v1/penalty (the calculator) and /api/v1/cases (enforcement cases, read-only)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from cablewatch.api.pagination import page
from cablewatch.api.types import Int64
from cablewatch.base.access import get_for_user_or_404
from cablewatch.base.errors import DomainError, PermissionDeniedError
from cablewatch.base.models import Role, User
from cablewatch.enforcement.models import Case
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


def case_out(c: Case) -> dict[str, Any]:
    return {
        "id": c.pk,
        "number": c.number,
        "enterprise_id": c.enterprise_id,
        "division": c.division_id,
        "agency": c.agency.code if c.agency else None,
        "origin": c.origin,
        "origin_ref": c.origin_ref,
        "violation": c.violation,
        "stage": c.stage,
        "stage_due": c.stage_due.isoformat() if c.stage_due else None,
        "overdue": c.is_overdue,
        "fine": str(c.fine) if c.fine is not None else None,
        "transfer": c.transfer,
        "transfer_basis": c.transfer_basis,
        "opened_on": c.opened_on.isoformat(),
        "closed_on": c.closed_on.isoformat() if c.closed_on else None,
    }


@router.get("/cases", summary="Enforcement cases in your scope")
def list_cases(
    request: HttpRequest,
    *,
    stage: str = "",
    transfer: str = "",
    cursor: str | None = None,
    limit: Int64 | None = None,
) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    if not user.has_role(Role.ENFORCEMENT, Role.SUPERVISION, Role.ADMIN):
        raise PermissionDeniedError("your role does not allow this", code="forbidden")
    rows = Case.objects.for_user(user).select_related("agency")
    if stage:
        rows = rows.filter(stage=stage)
    if transfer:
        rows = rows.filter(transfer=transfer)
    return page(rows, cursor=cursor, limit=limit, render=case_out)


@router.get("/cases/{pk}", summary="One enforcement case")
def get_case(request: HttpRequest, pk: Int64) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    if not user.has_role(Role.ENFORCEMENT, Role.SUPERVISION, Role.ADMIN):
        raise Http404
    return case_out(get_for_user_or_404(user, Case.objects.select_related("agency"), pk=pk))
