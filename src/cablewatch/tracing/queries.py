"""Read side of tracing: where a batch went, where an installation came from, the flow.

Where-used does not need to walk the movement graph: every metre of a batch that left
its maker is either still held by someone (Holding, kept in step with the movements)
or installed somewhere (Installation), so both answers are indexed lookups by batch.
The graph is walked only for the flow chart and for the path back from an installation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from cablewatch.tracing.models import Batch, Holding, Installation, Movement
from cablewatch.tracing.services.flow import parse_designation


def batches_matching(
    *,
    enterprise_id: int | None = None,
    designation: str = "",
    produced_from: dt.date | None = None,
    produced_to: dt.date | None = None,
) -> QuerySet[Batch]:
    """Batches of a maker and designation made in a period (the usual recall question)."""
    batches = Batch.objects.all()
    if enterprise_id is not None:
        batches = batches.filter(enterprise_id=enterprise_id)
    if designation:
        canonical, _family = parse_designation(designation)
        batches = batches.filter(designation=canonical) if canonical else batches
    if produced_from:
        batches = batches.filter(production_date__gte=produced_from)
    if produced_to:
        batches = batches.filter(production_date__lte=produced_to)
    return batches


@dataclass
class WhereUsed:
    installations: list[Installation]
    holdings: list[Holding]

    @property
    def installed_m(self) -> Decimal:
        return sum((i.length_m for i in self.installations), Decimal(0))

    @property
    def held_m(self) -> Decimal:
        return sum((h.balance_m for h in self.holdings), Decimal(0))

    def projects(self) -> list[Any]:
        seen: dict[int, Any] = {}
        for inst in self.installations:
            project = inst.location.project
            if project is not None:
                seen.setdefault(project.pk, project)
        return list(seen.values())


def where_used(batch_ids: list[int] | QuerySet[Any]) -> WhereUsed:
    installations = list(
        Installation.objects.filter(batch_id__in=batch_ids)
        .select_related("location__project", "batch", "installer")
        .order_by("location__identifier", "id")
    )
    holdings = list(
        Holding.objects.filter(batch_id__in=batch_ids, balance_m__gt=0)
        .select_related("party", "batch")
        .order_by("party__identifier", "batch_id")
    )
    return WhereUsed(installations, holdings)


def _num(value: Decimal) -> float | int:
    as_int = int(value)
    return as_int if value == as_int else float(value)


def where_used_rows(batch_ids: list[int] | QuerySet[Any]) -> dict[str, Any]:
    """The where-used answer as plain values (no model instances: 5x less work per row),
    for the CLI, the API and the benchmark."""
    installations = [
        {"batch": cls, "location": loc, "project": project, "length_m": _num(length)}
        for cls, loc, project, length in Installation.objects.filter(batch_id__in=batch_ids)
        .order_by("location__identifier", "id")
        .values_list(
            "batch__class_id", "location__identifier", "location__project__name", "length_m"
        )
    ]
    holders = [
        {"batch": cls, "party": party, "length_m": _num(length)}
        for cls, party, length in Holding.objects.filter(batch_id__in=batch_ids, balance_m__gt=0)
        .order_by("party__identifier", "batch_id")
        .values_list("batch__class_id", "party__identifier", "balance_m")
    ]
    return {
        "installations": installations,
        "holders": holders,
        "installed_m": _num(sum((Decimal(str(i["length_m"])) for i in installations), Decimal(0))),
        "held_m": _num(sum((Decimal(str(h["length_m"])) for h in holders), Decimal(0))),
    }


def where_used_json(batch: Batch) -> dict[str, Any]:
    """The `tracing where-used --json` contract for one batch."""
    rows = where_used_rows([batch.pk])
    for row in [*rows["installations"], *rows["holders"]]:
        del row["batch"]
    return {"batch": batch.class_id, **rows}


def flow_edges(batch: Batch) -> list[tuple[str, str, Decimal]]:
    """(from, to, metres) for every hand-over of the batch, installations as `to` places."""
    rows = (
        Movement.objects.filter(batch=batch)
        .exclude(kind=Movement.Kind.COMMISSION)
        .values("from_party__identifier", "to_party__identifier", "location__identifier")
        .annotate(total=Sum("length_m"))
        .order_by("from_party__identifier")
    )
    return [
        (
            row["from_party__identifier"],
            row["to_party__identifier"] or row["location__identifier"],
            row["total"],
        )
        for row in rows
    ]


def path_back(installation: Installation) -> list[Movement]:
    """The hand-overs from the maker to the installer, maker first.

    Where a party received the batch from several suppliers, the largest delivery is
    followed (the metres cannot be told apart once mixed in one stock).
    """
    path = [installation.movement]
    party_id: int | None = installation.installer_id
    seen = {party_id}
    while party_id != installation.batch.maker_id:
        came = (
            Movement.objects.filter(batch_id=installation.batch_id, to_party_id=party_id)
            .exclude(kind=Movement.Kind.COMMISSION)
            .select_related("from_party", "to_party")
            .order_by("-length_m", "moved_at")
            .first()
        )
        if came is None or came.from_party_id in seen:
            break
        path.append(came)
        party_id = came.from_party_id
        seen.add(party_id)
    path.reverse()
    return path
