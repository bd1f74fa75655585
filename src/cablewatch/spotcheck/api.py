"""/api/v1/spotcheck/...: the lab's blind work list and result entry, and the
supervisor's sample list. Lab endpoints expose only blind codes, designations and items."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from cablewatch.api.pagination import page
from cablewatch.api.types import Int64
from cablewatch.base.access import get_for_user_or_404
from cablewatch.base.errors import PermissionDeniedError
from cablewatch.base.models import Role, User
from cablewatch.spotcheck.models import Sample
from cablewatch.spotcheck.services import results
from cablewatch.spotcheck.views_lab import BLIND_FIELDS

PREFIX = ""
router = Router(tags=["spotcheck"])


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _lab_user(request: HttpRequest) -> User:
    user = _user(request)
    if not user.has_role(Role.LAB_ANALYST, Role.LAB_REVIEWER):
        raise PermissionDeniedError("only lab staff use these endpoints", code="forbidden")
    return user


def blind_out(sample: Sample) -> dict[str, Any]:
    return {
        "blind_code": sample.blind_code,
        "designation": sample.designation,
        "status": sample.status,
        "final": sample.final,
    }


@router.get("/spotcheck/lab/samples", summary="The lab's samples, by blind code")
def lab_samples(
    request: HttpRequest, *, cursor: str | None = None, limit: Int64 | None = None
) -> dict[str, Any]:
    rows = Sample.objects.for_lab(_lab_user(request)).only(*BLIND_FIELDS)
    return page(rows, cursor=cursor, limit=limit, render=blind_out)


@router.get("/spotcheck/lab/samples/{code}", summary="One blind sample with its items to test")
def lab_sample(request: HttpRequest, code: str) -> dict[str, Any]:
    user = _lab_user(request)
    sample = get_for_user_or_404(
        user, Sample.objects.only(*BLIND_FIELDS), via="for_lab", blind_code=code
    )
    return {**blind_out(sample), "items": results.items_for(sample)}


class ResultsIn(Schema):
    measurements: dict[str, Any]
    reason: str = ""
    # items whose requirement the engine does not encode, judged by hand:
    # {item: {"result": "pass"|"fail", "clause": ..., "reason": ...}}
    manual: dict[str, Any] = {}


@router.post(
    "/spotcheck/lab/samples/{code}/results",
    response={201: dict},
    summary="Submit measurements for review (a new version)",
)
def post_results(request: HttpRequest, code: str, payload: ResultsIn) -> Status[dict[str, Any]]:
    user = _lab_user(request)
    sample = get_for_user_or_404(
        user, Sample.objects.only(*BLIND_FIELDS), via="for_lab", blind_code=code
    )
    version = results.submit_results(
        actor=user,
        sample=sample,
        measurements=payload.measurements,
        reason=payload.reason,
        manual=payload.manual,
    )
    return Status(201, {"blind_code": code, "version": version.version, "status": version.status})


def sample_out(s: Sample) -> dict[str, Any]:
    return {
        "id": s.pk,
        "blind_code": s.blind_code,
        "enterprise_id": s.enterprise_id,
        "designation": s.designation,
        "batch_number": s.batch_number,
        "sampled_at": s.sampled_at.isoformat(),
        "site_kind": s.site_kind,
        "lab_id": s.lab_id,
        "status": s.status,
        "verdict": s.verdict or None,
        "failed_items": s.failed_items,
        "result_date": s.result_date.isoformat() if s.result_date else None,
    }


@router.get("/spotcheck/samples", summary="Samples in your region (supervisors)")
def list_samples(
    request: HttpRequest,
    *,
    verdict: str = "",
    cursor: str | None = None,
    limit: Int64 | None = None,
) -> dict[str, Any]:
    user = _user(request)
    if not user.has_role(Role.SUPERVISION, Role.ADMIN, Role.ENFORCEMENT, Role.INSPECTOR):
        raise PermissionDeniedError("your role does not see samples", code="forbidden")
    rows = Sample.objects.for_user(user)
    if verdict:
        rows = rows.filter(verdict=verdict)
    return page(rows, cursor=cursor, limit=limit, render=sample_out)
