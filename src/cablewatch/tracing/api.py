"""/api/v1/tracing/...: movements in (EPCIS documents or one movement at a time),
where-used out, a batch's history as EPCIS, projects and their places."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from cablewatch.api.pagination import page
from cablewatch.api.types import Int64, api_enum, division_filter
from cablewatch.base.access import get_for_user_or_404
from cablewatch.base.errors import DomainError, PermissionDeniedError
from cablewatch.base.models import Capability, Division, Role, User
from cablewatch.registry.models import Enterprise
from cablewatch.tracing.csvimport import row_to_event
from cablewatch.tracing.models import Batch, Installation, Notification, Project
from cablewatch.tracing.queries import (
    batches_matching,
    path_back,
    where_used_json,
    where_used_rows,
)
from cablewatch.tracing.services import epcis, projects
from cablewatch.tracing.services.export import export_batches
from cablewatch.tracing.services.flow import MAX_METRES

PREFIX = ""
router = Router(tags=["tracing"])
IMPORTERS = (Role.SUPERVISION, Role.ADMIN)
ProjectKind = api_enum("ProjectKind", Project.Kind)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _staff(user: User, roles: tuple[str, ...] = ()) -> None:
    if not user.can(Capability.TRACE) or (roles and not user.has_role(*roles)):
        raise PermissionDeniedError("your role does not allow this", code="forbidden")


class MovementIn(Schema):
    kind: str = Field(pattern="^(commission|ship|install)$")
    batch: str = Field(min_length=1, max_length=255, description="the batch's class identifier")
    from_party: str = Field(default="", max_length=255, alias="from")
    to_party: str = Field(default="", max_length=255, alias="to")
    location: str = Field(default="", max_length=255)
    length_m: float = Field(gt=0, le=float(MAX_METRES), allow_inf_nan=False)
    date: str = Field(description="ISO date or date-time")
    event_id: str = Field(default="", max_length=255)
    designation: str = Field(default="", max_length=120)
    batch_number: str = Field(default="", max_length=80)
    production_date: str = Field(default="", max_length=10)


class EpcisDocumentIn(Schema):
    type: str = "EPCISDocument"
    schemaVersion: str = "2.0"  # noqa: N815 (the EPCIS field name)
    epcisBody: dict[str, Any]  # noqa: N815


@router.post("/tracing/epcis", summary="Import an EPCIS 2.0 JSON-LD document")
def import_document(request: HttpRequest, payload: EpcisDocumentIn) -> dict[str, Any]:
    user = _user(request)
    _staff(user, IMPORTERS)
    events = payload.epcisBody.get("eventList")
    if not isinstance(events, list):
        raise DomainError("epcisBody.eventList is missing", field="epcisBody")
    return epcis.import_events(events, actor=user, document_name="api").to_json()


@router.post("/tracing/movements", response={201: dict}, summary="Record one movement")
def record_movement(request: HttpRequest, payload: MovementIn) -> Status[dict[str, Any]]:
    user = _user(request)
    _staff(user, IMPORTERS)
    row = {k: str(v) for k, v in payload.dict(by_alias=True).items()}
    event = row_to_event(row)
    if payload.event_id:
        event["eventID"] = payload.event_id
    result = epcis.import_events([event], actor=user, document_name="api")
    if result.rejects:
        raise DomainError(result.rejects[0]["reason"], field="length_m")
    return Status(201, where_used_json(Batch.objects.get(class_id=payload.batch)))


@router.get("/tracing/where-used", summary="Holders and installations of batches")
def where_used_api(
    request: HttpRequest,
    *,
    batch: str = "",
    enterprise_id: Int64 | None = None,
    designation: str = "",
    produced_from: dt.date | None = None,
    produced_to: dt.date | None = None,
) -> dict[str, Any]:
    _staff(_user(request))
    if batch:
        found = get_for_user_or_404(_user(request), Batch, class_id=batch)
        return where_used_json(found)
    if enterprise_id is None and not designation:
        raise DomainError("give a batch, or an enterprise and designation", field="batch")
    batches = batches_matching(
        enterprise_id=enterprise_id,
        designation=designation,
        produced_from=produced_from,
        produced_to=produced_to,
    )
    ids = list(batches.values_list("pk", flat=True)[:5000])
    classes = list(Batch.objects.filter(pk__in=ids).values_list("class_id", flat=True))
    return {"batches": classes, **where_used_rows(ids)}


def batch_out(b: Batch) -> dict[str, Any]:
    return {
        "id": b.pk,
        "class_id": b.class_id,
        "maker": b.maker.identifier,
        "enterprise_id": b.enterprise_id,
        "designation": b.designation,
        "family": b.family,
        "batch_number": b.batch_number,
        "length_m": float(b.length_m),
        "production_date": b.production_date.isoformat() if b.production_date else None,
    }


@router.get("/tracing/batches", summary="List batches")
def list_batches(
    request: HttpRequest,
    *,
    enterprise_id: Int64 | None = None,
    designation: str = "",
    cursor: str | None = None,
    limit: Int64 | None = None,
) -> dict[str, Any]:
    _staff(_user(request))
    rows = batches_matching(enterprise_id=enterprise_id, designation=designation)
    return page(rows.select_related("maker"), cursor=cursor, limit=limit, render=batch_out)


@router.get("/tracing/batches/{pk}/epcis", summary="A batch's history as EPCIS 2.0")
def batch_epcis(request: HttpRequest, pk: Int64) -> dict[str, Any]:
    _staff(_user(request))
    batch = get_for_user_or_404(_user(request), Batch.objects.select_related("maker"), pk=pk)
    return export_batches([batch])


@router.get("/tracing/installations/{pk}/path", summary="From an installation back to the maker")
def installation_path(request: HttpRequest, pk: Int64) -> list[dict[str, Any]]:
    user = _user(request)
    inst = get_for_user_or_404(user, Installation.objects.select_related("batch"), pk=pk)
    return [
        {
            "kind": m.kind,
            "from": m.from_party.identifier if m.from_party else None,
            "to": m.to_party.identifier if m.to_party else None,
            "location": m.location.identifier if m.location else None,
            "length_m": float(m.length_m),
            "date": m.moved_at.isoformat(),
        }
        for m in path_back(inst)
    ]


class ProjectIn(Schema):
    code: str = Field(min_length=1, max_length=120)
    name: str = Field(min_length=1, max_length=200)
    kind: ProjectKind = ProjectKind(Project.Kind.OTHER.value)  # type: ignore[valid-type]
    owner_id: Int64 | None = None
    location: str = Field(default="", max_length=255)
    division: str = Field(pattern=r"^\d{6}$")
    places: dict[str, str] = Field(
        default_factory=dict, description="location identifier -> place description"
    )


@router.post("/tracing/projects", response={201: dict}, summary="Register a project")
def create_project(request: HttpRequest, payload: ProjectIn) -> Status[dict[str, Any]]:
    user = _user(request)
    _staff(user, IMPORTERS)
    division = Division.objects.filter(code=payload.division).first()
    if division is None or not user.sees_division(payload.division):
        raise DomainError("unknown division or outside your region", field="division")
    if Project.objects.filter(code=payload.code).exists():
        raise DomainError("a project with this code exists", field="code", code="duplicate")
    owner = Enterprise.objects.filter(pk=payload.owner_id).first() if payload.owner_id else None
    data = {
        **payload.dict(exclude={"places", "owner_id", "division"}),
        "owner": owner,
        "division": division,
    }
    project = projects.create_project(actor=user, data=data)
    for identifier, place in payload.places.items():
        projects.place_in_project(actor=user, identifier=identifier, project=project, place=place)
    return Status(201, {"id": project.pk, "code": project.code, "name": project.name})


@router.get("/tracing/notices", summary="Recall notices for your enterprise")
def notices(request: HttpRequest) -> list[dict[str, Any]]:
    user = _user(request)
    rows = Notification.objects.filter(enterprise_id=user.enterprise_id or -1)[:200]
    return [
        {
            "id": n.pk,
            "kind": n.kind,
            "report_number": n.report_number,
            "message": n.message,
            "created": n.created.isoformat(),
            "recall_id": n.recall_id,
        }
        for n in rows
    ]


def project_out(p: Project) -> dict[str, Any]:
    return {
        "id": p.pk,
        "code": p.code,
        "name": p.name,
        "kind": p.kind,
        "owner_id": p.owner_id,
        "division": p.division_id,
        "location": p.location,
    }


@router.get("/tracing/projects", summary="Projects in your scope (what project checks sample)")
def list_projects(
    request: HttpRequest,
    *,
    division: str = "",
    kind: str = "",
    cursor: str | None = None,
    limit: Int64 | None = None,
) -> dict[str, Any]:
    rows = Project.objects.for_user(_user(request))
    if division:
        rows = division_filter(rows, "division_id", division)
    if kind:
        rows = rows.filter(kind=kind)
    return page(rows, cursor=cursor, limit=limit, render=project_out)


@router.get("/tracing/projects/{pk}/installations", summary="What is installed in a project")
def project_installations(request: HttpRequest, pk: Int64) -> list[dict[str, Any]]:
    project = get_for_user_or_404(_user(request), Project.objects, pk=pk)
    rows = Installation.objects.filter(location__project=project).select_related(
        "batch__maker", "location"
    )
    return [
        {
            "id": i.pk,
            "location": i.location.identifier,
            "place": i.location.place,
            "batch": batch_out(i.batch),
            "length_m": float(i.length_m),
            "state": i.state,
        }
        for i in rows
    ]
