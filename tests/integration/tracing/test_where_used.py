from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from cablewatch.tracing.models import Batch, Installation, Location
from cablewatch.tracing.queries import batches_matching, path_back, where_used
from cablewatch.tracing.services import epcis
from tests.integration.tracing import epcis_builder as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def traced() -> Batch:
    epcis.import_events(b.three_projects())
    return Batch.objects.get()


def test_where_used_prints_the_contract(traced: Batch, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("tracing", "where-used", "--batch", b.BATCH, "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["batch"] == b.BATCH
    assert data["installed_m"] == 570 and data["held_m"] == 430
    assert {i["location"]: i["length_m"] for i in data["installations"]} == {
        "urn:epc:id:sgln:line3.station01": 200,
        "urn:epc:id:sgln:hospital.b1": 250,
        "urn:epc:id:sgln:school.c2": 120,
    }
    assert {h["party"]: h["length_m"] for h in data["holders"]} == {
        b.MAKER: 100,
        b.DIST_A: 100,
        b.DIST_B: 180,
        b.INSTALLER: 50,
    }
    assert all(i["project"] is None for i in data["installations"])


def test_where_used_names_the_project_of_a_known_place(
    traced: Batch, capsys: pytest.CaptureFixture[str], make_project: object
) -> None:
    project = make_project("地铁3号线")  # type: ignore[operator]
    Location.objects.filter(identifier__contains="line3").update(project=project)
    call_command("tracing", "where-used", "--batch", b.BATCH, "--json")
    data = json.loads(capsys.readouterr().out)
    names = {i["location"]: i["project"] for i in data["installations"]}
    assert names["urn:epc:id:sgln:line3.station01"] == "地铁3号线"


def test_it_finds_batches_by_maker_designation_and_period_however_written(traced: Batch) -> None:
    found = batches_matching(
        designation="BV-450/750V-1x2.5",
        produced_from=dt.date(2017, 1, 1),
        produced_to=dt.date(2017, 12, 31),
    )
    assert list(found) == [traced]
    assert not batches_matching(designation="BV 450/750V 1×4").exists()
    assert not batches_matching(produced_from=dt.date(2018, 1, 1)).exists()
    result = where_used(found.values("pk"))
    assert result.installed_m + result.held_m == Decimal(1000)


def test_the_path_back_runs_from_the_maker_to_the_place(traced: Batch) -> None:
    inst = Installation.objects.get(location__identifier__contains="hospital")
    path = path_back(inst)
    assert [m.from_party.identifier for m in path if m.from_party] == [
        b.MAKER,
        b.DIST_A,
        b.INSTALLER,
    ]
    assert path[-1].location_id == inst.location_id


def test_an_unknown_batch_is_an_error(traced: Batch) -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("tracing", "where-used", "--batch", "urn:nothing", "--json")
