"""With only the task worker running (as README's production section says), a burst of
events is delivered completely and a retry is sent when its back-off ends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from cablewatch.base.events import Event, publish
from cablewatch.sharing import delivery
from cablewatch.sharing.models import Delivery, Peer

# Real commits: the worker closes connections that are inside a transaction.
pytestmark = pytest.mark.django_db(transaction=True)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
START = dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _keys(tmp_path: Path, settings: Any) -> None:
    settings.KEYS_DIR = tmp_path / "keys"
    settings.SHARING_RETRY_SECONDS = 60


def burst(n: int) -> None:
    Peer.objects.create(installation_id="peer", url="http://peer.test", events=["*"])
    with transaction.atomic():
        for i in range(n):
            publish(Event("enforcement.case.closed", {"case_id": i}, division_code="610112"))


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


@time_machine.travel(START, tick=False)
@override_settings(TASKS=DB_TASKS)
def test_a_burst_of_300_is_delivered_by_the_worker_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(delivery, "_post", lambda client, url, message: (True, 201, ""))
    burst(300)
    run_worker()
    assert Delivery.objects.filter(status="delivered").count() == 300


@override_settings(TASKS=DB_TASKS)
def test_a_retry_is_sent_when_its_back_off_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = [(False, 503, "busy"), (True, 201, "")]
    monkeypatch.setattr(delivery, "_post", lambda client, url, message: answers.pop(0))
    with time_machine.travel(START, tick=False):
        burst(1)
        run_worker()
        pending = Delivery.objects.get()
        assert pending.status == "pending" and pending.attempts == 1
        assert pending.next_attempt_at == timezone.now() + dt.timedelta(seconds=60)
    with time_machine.travel(START + dt.timedelta(seconds=30), tick=False):
        run_worker()  # not yet due: the deferred task waits
        assert Delivery.objects.get().status == "pending"
    with time_machine.travel(START + dt.timedelta(seconds=61), tick=False):
        run_worker()
    assert Delivery.objects.get().status == "delivered"
    assert answers == []
