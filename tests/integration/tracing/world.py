"""A traced batch in three projects, a nonconforming result about it: for page tests."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cablewatch.base.events import Event, publish
from cablewatch.base.models import Division
from cablewatch.registry.models import Enterprise
from cablewatch.tracing.models import Batch, Project
from cablewatch.tracing.services import epcis, flow, projects
from tests.integration.tracing import epcis_builder as b

PLACES = {
    "urn:epc:id:sgln:line3.station01": ("地铁3号线", "metro", "610112"),
    "urn:epc:id:sgln:hospital.b1": ("人民医院", "hospital", "610112"),
    "urn:epc:id:sgln:school.c2": ("顺德一中", "school", "440606"),
}


def build(maker: Enterprise, owner: Enterprise) -> Batch:
    flow.party_for(b.MAKER, name=maker.name, enterprise=maker)
    epcis.import_events(b.three_projects())
    for identifier, (name, kind, division) in PLACES.items():
        project = projects.create_project(
            actor=None,
            data={
                "name": name,
                "code": name,
                "kind": kind,
                "owner": owner,
                "division": Division.objects.get(code=division),
            },
        )
        projects.place_in_project(actor=None, identifier=identifier, project=project)
    return Batch.objects.get()


def fail_result(maker: Enterprise, **extra: Any) -> None:
    payload = {
        "report_number": "R-2017-001",
        "verdict": "fail",
        "enterprise_id": maker.pk,
        "enterprise_name": maker.name,
        "credit_code": maker.credit_code,
        "designation": "BV-450/750V-1x2.5",
        "batch_number": "B2017-03",
        "production_date": "2017-03-01",
        "enterprise_division": maker.division_id,
        **extra,
    }
    with transaction.atomic():
        publish(Event("spotcheck.result.final", payload, division_code=maker.division_id))


def project(name: str) -> Project:
    return Project.objects.get(name=name)
