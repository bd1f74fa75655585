"""Projects and the places in them where cable is installed."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cablewatch.base.audit import record_change, snapshot
from cablewatch.base.models import User
from cablewatch.tracing.models import Location, Project
from cablewatch.tracing.services.flow import location_for

PROJECT_FIELDS = ("name", "code", "owner", "location", "division", "kind")


@transaction.atomic
def create_project(*, actor: User | None, data: dict[str, Any]) -> Project:
    project = Project(**{k: v for k, v in data.items() if k in PROJECT_FIELDS})
    project.save(force_insert=True)
    record_change(
        actor=actor,
        action="tracing.project.created",
        target=project,
        after=snapshot(project, PROJECT_FIELDS),
        division_code=project.division_id,
    )
    return project


@transaction.atomic
def place_in_project(
    *, actor: User | None, identifier: str, project: Project, place: str = ""
) -> Location:
    """Say which project (and which line, station, building, circuit) a location is."""
    location = Location.objects.select_for_update().get(pk=location_for(identifier).pk)
    before = {"project": location.project_id, "place": location.place}
    if location.project_id == project.pk and (not place or place == location.place):
        return location
    location.project = project
    location.place = place or location.place
    location.save(update_fields=["project", "place"])
    record_change(
        actor=actor,
        action="tracing.location.placed",
        target=location,
        before=before,
        after={"project": project.pk, "place": location.place},
        division_code=project.division_id,
    )
    return location
