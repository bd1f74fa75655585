from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from cablewatch.tracing.models import Batch, Holding, Movement
from cablewatch.tracing.services import epcis
from tests.integration.tracing import epcis_builder as b

pytestmark = pytest.mark.django_db


def run(events: list[dict[str, Any]]) -> dict[str, Any]:
    return epcis.import_events(events).to_json()


def holding(identifier: str) -> Decimal:
    row = Holding.objects.filter(party__identifier=identifier).first()
    return row.balance_m if row else Decimal(0)


def test_it_traces_a_split_batch_through_several_hands_into_three_projects() -> None:
    result = run(b.three_projects())
    assert result == {
        "events_read": 8,
        "imported": 8,
        "already_imported": 0,
        "rejected": 0,
        "rejects": [],
    }
    assert holding(b.MAKER) == 100
    assert holding(b.DIST_A) == 100
    assert holding(b.DIST_B) == 180
    assert holding(b.INSTALLER) == 50
    batch = Batch.objects.get()
    assert batch.designation == "BV 450/750V 1×2.5"
    assert batch.family == "BV"


def test_it_counts_a_matching_receiving_only_once() -> None:
    run(b.three_projects())
    assert Movement.objects.filter(kind="ship", from_party__identifier=b.MAKER).count() == 2
    confirmed = Movement.objects.get(event_id="ship-1")
    assert confirmed.confirm_event_id == "recv-1" and confirmed.received_at


def test_it_records_a_receiving_that_arrives_before_its_shipping_once() -> None:
    run(
        [
            b.commissioning(100),
            b.shipping(b.MAKER, b.DIST_A, 40, step="receiving"),
            b.shipping(b.MAKER, b.DIST_A, 40),
        ]
    )
    assert holding(b.DIST_A) == 40
    assert holding(b.MAKER) == 60


def test_it_refuses_shipping_more_than_the_source_holds_with_the_figures() -> None:
    result = run([b.commissioning(100), b.shipping(b.MAKER, b.DIST_A, 150)])
    assert result["rejected"] == 1
    reason = result["rejects"][0]["reason"]
    assert result["rejects"][0]["index"] == 1
    assert "100" in reason and "150" in reason
    assert holding(b.DIST_A) == 0


@pytest.mark.parametrize(
    ("event", "words"),
    [
        ({**b.shipping(b.MAKER, b.DIST_A, 10), "bizStep": "dancing"}, "bizStep"),
        (
            {k: v for k, v in b.shipping(b.MAKER, b.DIST_A, 10).items() if k != "quantityList"},
            "quantityList",
        ),
        ({**b.shipping(b.MAKER, b.DIST_A, 10), "quantityList": b.qty(10, uom="KGM")}, "KGM"),
        (b.shipping(b.MAKER, b.DIST_A, 0), "zero"),
        (b.shipping(b.MAKER, b.DIST_A, -5), "zero"),
        (b.shipping(b.MAKER, b.DIST_A, 5, epc_class="urn:epc:class:lgtin:1.2.X"), "Unknown batch"),
        ({**b.installing(b.MAKER, "x", 5), "bizLocation": None}, "bizLocation"),
        ({**b.shipping(b.MAKER, b.DIST_A, 5), "sourceList": []}, "owning_party"),
    ],
)
def test_it_refuses_a_bad_event_with_its_reason_and_keeps_the_rest(
    event: dict[str, Any], words: str
) -> None:
    result = run([b.commissioning(100), event, b.shipping(b.MAKER, b.DIST_A, 10)])
    assert result["imported"] == 2
    assert result["rejects"][0]["index"] == 1
    assert words in result["rejects"][0]["reason"]


def test_it_accepts_kilometres() -> None:
    run([b.commissioning(2) | {"quantityList": b.qty(2, uom="KMT")}])
    assert Batch.objects.get().length_m == 2000


def test_it_is_idempotent_on_reimport() -> None:
    events = b.three_projects()
    run(events)
    again = run(events)
    assert again["rejected"] == 0
    assert (again["imported"], again["already_imported"]) == (0, 8)  # nothing new
    assert Movement.objects.count() == 7
    assert holding(b.MAKER) == 100


def test_the_command_prints_the_contract_and_exits_by_outcome(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(b.document(b.three_projects())), encoding="utf-8")
    call_command("tracing", "import-epcis", str(good), "--json")
    assert json.loads(capsys.readouterr().out)["imported"] == 8
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(b.document([b.shipping(b.MAKER, b.DIST_A, 1, epc_class="urn:x")])),
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("tracing", "import-epcis", str(bad), "--json")
    assert exit_info.value.code == 1
    out = json.loads(capsys.readouterr().out)
    assert out["rejected"] == 1 and out["rejects"][0]["index"] == 0
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("tracing", "import-epcis", str(broken), "--json")
    assert error.value.returncode == 2


def test_transaction_and_aggregation_events_move_cable_too() -> None:
    ship = b.shipping(b.MAKER, b.DIST_A, 30) | {"type": "TransactionEvent"}
    agg = b.shipping(b.MAKER, b.DIST_B, 20) | {"type": "AggregationEvent"}
    agg["childQuantityList"] = agg.pop("quantityList")
    odd = b.shipping(b.MAKER, b.DIST_B, 5) | {"type": "AssociationEvent"}
    result = run([b.commissioning(100), ship, agg, odd])
    assert result["imported"] == 3
    assert result["rejects"][0]["index"] == 3 and "type" in result["rejects"][0]["reason"]
    assert holding(b.MAKER) == 50


@pytest.mark.slow
def test_the_installed_command_works_on_the_database_named_by_database_url(
    tmp_path: Path,
) -> None:
    import os
    import subprocess
    import sys

    cli = Path(sys.executable).parent / "cablewatch"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
        "CABLEWATCH_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps(b.document(b.three_projects())), encoding="utf-8")
    subprocess.run([cli, "migrate", "-v0"], env=env, check=True)
    done = subprocess.run(
        [cli, "tracing", "import-epcis", str(doc), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and json.loads(done.stdout)["imported"] == 8
    used = subprocess.run(
        [cli, "tracing", "where-used", "--batch", b.BATCH, "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(used.stdout)["held_m"] == 430


class Killed(BaseException):
    """Stands for the process being killed: not an error the import could catch."""


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_half_way_leaves_a_record_and_audit_and_resumes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cablewatch.base.models import AuditEntry
    from cablewatch.tracing.models import EpcisImport
    from cablewatch.tracing.services import epcis

    events = b.three_projects()
    monkeypatch.setattr(epcis, "CHUNK", 3)
    real = epcis.apply_event

    def dies_at_the_fifth(event: object, lookups: object = None) -> bool:
        if event is events[4]:
            raise Killed
        return real(event, lookups)  # type: ignore[arg-type]

    monkeypatch.setattr(epcis, "apply_event", dies_at_the_fifth)
    with pytest.raises(Killed):
        epcis.import_events(events, document_name="big.json")
    record = EpcisImport.objects.get()
    assert (record.status, record.next_index, record.imported) == ("running", 3, 3)
    assert Movement.objects.count() == 3  # the first chunk, accounted for by the record
    assert AuditEntry.objects.filter(action="tracing.epcis.started").count() == 1
    monkeypatch.setattr(epcis, "apply_event", real)
    again = epcis.import_events(events, document_name="big.json")
    assert (again.imported, again.already, again.rejects) == (5, 3, [])
    assert Movement.objects.count() == 7
    assert holding(b.MAKER) == 100
    done = EpcisImport.objects.order_by("-pk").first()
    assert done is not None and (done.status, done.imported, done.already) == ("complete", 5, 3)
