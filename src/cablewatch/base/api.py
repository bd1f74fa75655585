from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from cablewatch.base.models import Division, User

PREFIX = ""
router = Router(tags=["platform"])


class DivisionOut(Schema):
    code: str
    name: str
    name_en: str
    level: str
    parent: str | None


class MeOut(Schema):
    username: str
    display_name: str
    roles: list[str]
    agency: str | None
    region_prefix: str | None
    enterprise_id: int | None


@router.get("/me", response=MeOut, summary="Who the token or session acts as")
def me(request: HttpRequest) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    return {
        "username": user.username,
        "display_name": user.display_name,
        "roles": sorted(user.roles),
        "agency": user.agency.name if user.agency else None,
        "region_prefix": user.region_prefix,
        "enterprise_id": user.enterprise_id,
    }


@router.get("/divisions", response=list[DivisionOut], auth=None, summary="GB/T 2260 divisions")
def divisions(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": d.code,
            "name": d.name,
            "name_en": d.name_en,
            "level": d.level,
            "parent": d.parent_id,
        }
        for d in Division.objects.all()
    ]
