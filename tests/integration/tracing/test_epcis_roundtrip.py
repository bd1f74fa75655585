"""Export then import into an empty database gives the same records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from cablewatch.tracing.models import Batch, Holding, Installation, Movement
from cablewatch.tracing.services import epcis
from cablewatch.tracing.services.export import export_batches
from tests.integration.tracing import epcis_builder as b

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, Any]:
    return {
        "batches": sorted(
            Batch.objects.values_list(
                "class_id",
                "maker__identifier",
                "designation",
                "family",
                "batch_number",
                "production_date",
                "length_m",
            )
        ),
        "movements": sorted(
            Movement.objects.values_list(
                "kind",
                "from_party__identifier",
                "to_party__identifier",
                "location__identifier",
                "length_m",
                "moved_at",
                "event_id",
                "confirm_event_id",
                "received_at",
                "by_receipt",
            ),
            key=str,
        ),
        "holdings": sorted(
            Holding.objects.values_list("party__identifier", "received_m", "balance_m")
        ),
        "installations": sorted(
            Installation.objects.values_list("location__identifier", "length_m")
        ),
    }


def wipe() -> None:
    Installation.objects.all().delete()
    Movement.objects.all().delete()
    Holding.objects.all().delete()
    Batch.objects.all().delete()


def test_export_then_import_into_an_empty_database_gives_the_same_records() -> None:
    events = [
        *b.three_projects(),
        b.commissioning(50, epc_class="urn:epc:class:lgtin:1.2.C"),
        b.shipping(
            b.MAKER,
            b.DIST_B,
            20,
            epc_class="urn:epc:class:lgtin:1.2.C",
            step="receiving",
            eventID="r-first",
        ),
        b.shipping(
            b.MAKER, b.DIST_B, 20, epc_class="urn:epc:class:lgtin:1.2.C", day=7, eventID="s-later"
        ),
    ]
    epcis.import_events(events)
    before = snapshot()
    document = export_batches(list(Batch.objects.order_by("pk")))
    assert document["type"] == "EPCISDocument" and document["schemaVersion"] == "2.0"
    wipe()
    result = epcis.import_events(json.loads(json.dumps(document))["epcisBody"]["eventList"])
    assert result.rejects == []
    assert snapshot() == before


def test_the_export_command_writes_a_document_the_import_command_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    epcis.import_events(b.three_projects())
    call_command("tracing", "export-epcis", "--batch", b.BATCH)
    path = tmp_path / "out.json"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    wipe()
    call_command("tracing", "import-epcis", str(path), "--json")
    assert json.loads(capsys.readouterr().out)["rejected"] == 0
    assert Installation.objects.count() == 3
