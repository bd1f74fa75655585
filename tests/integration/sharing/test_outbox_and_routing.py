"""The outbox is written with the change, and the right agencies hear of it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from cablewatch.base.events import Event, publish
from cablewatch.base.models import Agency
from cablewatch.enforcement import services
from cablewatch.enforcement.models import Case
from cablewatch.registry.models import Certificate, Enterprise
from cablewatch.sharing import delivery, exchange, signing
from cablewatch.sharing.models import (
    Delivery,
    InboundMessage,
    Notification,
    OutboxEvent,
    Peer,
    PeerKey,
)
from tests.conftest import make_agency
from tests.enforcement_support import publish_result

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keys(tmp_path: Path, settings: object) -> None:
    settings.KEYS_DIR = tmp_path / "keys"  # type: ignore[attr-defined]
    settings.SHARING_RETRY_SECONDS = 0  # type: ignore[attr-defined]
    settings.SHARING_MAX_ATTEMPTS = 3  # type: ignore[attr-defined]


def test_every_event_lands_in_the_outbox(shaanxi_maker: Enterprise, agencies: object) -> None:
    publish_result(shaanxi_maker)
    names = sorted(OutboxEvent.objects.values_list("name", flat=True))
    assert names == ["enforcement.case.opened", "spotcheck.result.final"]


def test_a_rolled_back_change_leaves_no_outbox_row(shaanxi_maker: Enterprise) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(Event("enforcement.case.closed", {"case_id": 1}))
        raise RuntimeError("rollback")
    assert not OutboxEvent.objects.exists()


def test_enforcement_hears_of_a_failure_in_its_inbox(
    shaanxi_maker: Enterprise, agencies: dict[str, Agency]
) -> None:
    publish_result(shaanxi_maker)
    note = Notification.objects.get(agency=agencies["enforcement"])
    assert "R-S-1" in note.title


def test_the_certification_body_must_say_whether_it_suspends(
    shaanxi_maker: Enterprise, certificate: Certificate, agencies: dict[str, Agency]
) -> None:
    publish_result(shaanxi_maker)
    note = Notification.objects.get(agency=agencies["cert"])
    assert note.action and note.due is not None


def test_the_home_region_hears_of_a_result_obtained_elsewhere(
    shaanxi_maker: Enterprise, agencies: dict[str, Agency]
) -> None:
    publish_result(shaanxi_maker, plan_division="440000")
    assert Notification.objects.filter(agency=agencies["xian"]).exists()


def test_the_police_hear_of_a_transfer(
    shaanxi_maker: Enterprise, agencies: dict[str, Agency]
) -> None:
    from tests.conftest import make_user

    police = make_agency("t-police", "police", "610100")
    officer = make_user("enf", "enforcement_officer", agencies["enforcement"])
    publish_result(shaanxi_maker)
    case = services.flag_transfer(actor=officer, case=Case.objects.get(), basis="sales")
    services.record_transfer(actor=officer, case=case, police=police, documents="letter")
    note = Notification.objects.get(agency=police)
    assert note.action and note.due is not None


def _trust_myself() -> Peer:
    kid, public = signing.public_key_b64()
    peer = Peer.objects.create(
        installation_id=settings.INSTALLATION_ID, url="http://peer.test", events=["*"]
    )
    PeerKey.objects.create(peer=peer, key_id=kid, public_key=public)
    return peer


def _post(body: object) -> tuple[int, dict[str, object]]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = Client().post("/api/v1/exchange/inbox", raw, content_type="application/json")
    return response.status_code, response.json()


def test_a_signed_message_is_stored_once_however_often_it_arrives(
    shaanxi_maker: Enterprise,
) -> None:
    _trust_myself()
    publish_result(shaanxi_maker)
    message = exchange.build(OutboxEvent.objects.first(), settings.INSTALLATION_ID)  # type: ignore[arg-type]
    assert _post(message)[0] == 201
    assert _post(message) == (200, {"status": "duplicate", "id": message["id"]})
    assert InboundMessage.objects.count() == 1


def test_refusals_are_problems_naming_the_fault(shaanxi_maker: Enterprise) -> None:
    _trust_myself()
    publish_result(shaanxi_maker)
    message = exchange.build(OutboxEvent.objects.first(), settings.INSTALLATION_ID)  # type: ignore[arg-type]
    assert _post(b"{not json")[0] == 400
    assert _post({**message, "version": 99})[0] == 422
    tampered = {**message, "payload": {**message["payload"], "verdict": "pass"}}
    status, body = _post(tampered)
    assert status == 401 and body["type"].endswith("bad-signature")
    assert _post({**message, "sender": "stranger"})[0] == 403
    assert not InboundMessage.objects.exists()


def test_a_rotated_key_needs_the_receiver_to_trust_it(shaanxi_maker: Enterprise) -> None:
    _trust_myself()
    signing.new_key()
    publish_result(shaanxi_maker)
    message = exchange.build(OutboxEvent.objects.first(), settings.INSTALLATION_ID)  # type: ignore[arg-type]
    assert _post(message)[0] == 403


def _transport(answers: list[int]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        code = answers.pop(0)
        if code == 0:
            raise httpx.ConnectError("down", request=request)
        return httpx.Response(code, json={})

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_a_delivery_is_retried_while_the_receiver_is_down(shaanxi_maker: Enterprise) -> None:
    _trust_myself()
    publish_result(shaanxi_maker)
    client = _transport([0, 503, 201, 201])
    first = delivery.claim_due()
    assert len(first) == 2
    assert [delivery.send(pk, client) for pk in first] == [False, False]
    again = delivery.claim_due()
    assert [delivery.send(pk, client) for pk in again] == [True, True]
    assert set(Delivery.objects.values_list("status", flat=True)) == {"delivered"}
    assert Delivery.objects.first().log.count() == 2  # type: ignore[union-attr]


def test_a_claimed_delivery_is_not_claimed_twice(shaanxi_maker: Enterprise) -> None:
    _trust_myself()
    publish_result(shaanxi_maker)
    assert len(delivery.claim_due()) == 2
    assert delivery.claim_due() == []


def test_a_delivery_that_keeps_failing_is_parked_not_dropped(shaanxi_maker: Enterprise) -> None:
    _trust_myself()
    with override_settings(SHARING_MAX_ATTEMPTS=2):
        publish_result(shaanxi_maker, verdict="pass")
        client = _transport([0, 0])
        for _round in range(2):
            for pk in delivery.claim_due():
                delivery.send(pk, client)
    parked = Delivery.objects.get()
    assert parked.status == "parked" and parked.attempts == 2
    assert delivery.requeue(parked.pk)
    assert delivery.claim_due() == [parked.pk]


def test_a_refusal_by_the_receiver_parks_at_once(shaanxi_maker: Enterprise) -> None:
    _trust_myself()
    publish_result(shaanxi_maker, verdict="pass")
    [pk] = delivery.claim_due()
    assert not delivery.send(pk, _transport([403]))
    assert Delivery.objects.get().status == "parked"


def test_the_delivery_task_runs_after_commit(
    shaanxi_maker: Enterprise, django_capture_on_commit_callbacks: object
) -> None:
    peer = _trust_myself()
    peer.url = "http://127.0.0.1:9"  # discard port: nothing listens, so the attempt fails
    peer.save(update_fields=["url"])
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        publish_result(shaanxi_maker, verdict="pass")
    row = Delivery.objects.get()
    assert row.attempts == 1 and row.status == "pending" and row.log.count() == 1


def test_enforcement_hears_of_a_certificate_change(
    certificate: Certificate, agencies: dict[str, Agency]
) -> None:
    with transaction.atomic():
        publish(
            Event(
                "registry.certificate.status_changed",
                {"number": certificate.number, "from_status": "valid", "to_status": "suspended"},
                division_code=certificate.holder.division_id,
            )
        )
    assert Notification.objects.filter(agency=agencies["enforcement"]).exists()


def test_a_message_for_another_installation_is_refused(shaanxi_maker: Enterprise) -> None:
    """Sent to one peer, replayed to a third that trusts the same sender: refused."""
    _trust_myself()
    publish_result(shaanxi_maker)
    message = exchange.build(OutboxEvent.objects.first(), "somewhere-else")  # type: ignore[arg-type]
    status, body = _post(message)
    assert status == 422 and body["type"].endswith("wrong-recipient")
    moved = {**message, "recipient": settings.INSTALLATION_ID}  # re-addressed: signature breaks
    assert _post(moved)[0] == 401
    assert not InboundMessage.objects.exists()


def test_a_stale_message_is_refused_and_a_fresh_retry_is_not(shaanxi_maker: Enterprise) -> None:
    import time_machine

    _trust_myself()
    publish_result(shaanxi_maker)
    event = OutboxEvent.objects.first()
    with time_machine.travel(dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)):
        old = exchange.build(event, settings.INSTALLATION_ID)  # type: ignore[arg-type]
    with time_machine.travel(dt.datetime(2026, 1, 1, 8, 16, tzinfo=dt.UTC)):
        status, body = _post(old)
        assert status == 422 and body["type"].endswith("stale")
        fresh = exchange.build(event, settings.INSTALLATION_ID)  # type: ignore[arg-type]
        assert _post(fresh)[0] == 201
    with time_machine.travel(dt.datetime(2026, 1, 1, 7, 50, tzinfo=dt.UTC)):
        assert _post(fresh)[1]["type"].endswith("stale")  # signed in the receiver's future


def test_a_received_certificate_event_reaches_the_local_inbox_of_its_division(
    certificate: Certificate, agencies: object
) -> None:
    _trust_myself()
    with transaction.atomic():
        publish(
            Event(
                "registry.certificate.status_changed",
                {
                    "certificate_id": certificate.pk,
                    "number": certificate.number,
                    "holder_id": certificate.holder_id,
                    "credit_code": certificate.holder.credit_code,
                    "from_status": "valid",
                    "to_status": "suspended",
                },
                division_code="610112",
            )
        )
    event = OutboxEvent.objects.get(name="registry.certificate.status_changed")
    Notification.objects.all().delete()  # only what arrives from outside counts below
    message = exchange.build(event, settings.INSTALLATION_ID)
    message = {**message, "id": "6f1c0c7e-4d0b-4c2e-9a43-3f8f2d7f6a10"}
    message = signing.sign({k: v for k, v in message.items() if k not in {"signature"}})
    assert _post(message)[0] == 201
    note = Notification.objects.get(source=settings.INSTALLATION_ID)
    assert note.agency.kind == "enforcement"
    assert note.agency.division_id.startswith("61")


def test_add_peer_checks_the_key_and_audits_the_trust(capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management import CommandError, call_command

    from cablewatch.base.models import AuditEntry

    kid, public = signing.public_key_b64()
    with pytest.raises(CommandError, match="--public-key: "):
        call_command("sharing", "add-peer", "--installation-id", "x", "--key-id", kid,
                     "--public-key", "bm90IGEga2V5")  # fmt: skip
    with pytest.raises(CommandError, match="--key-id: "):
        call_command("sharing", "add-peer", "--installation-id", "x", "--key-id", "0" * 16,
                     "--public-key", public)  # fmt: skip
    assert not Peer.objects.exists()
    call_command("sharing", "add-peer", "--installation-id", "x", "--key-id", kid,
                 "--public-key", public, "--events", "spotcheck.result.final")  # fmt: skip
    entry = AuditEntry.objects.get(action="sharing.peer_key.trusted")
    assert entry.after["key_id"] == kid and entry.actor_label == "command line"
