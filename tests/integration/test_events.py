from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from cablewatch.base import events
from cablewatch.registry import services


@pytest.fixture
def received():  # type: ignore[no-untyped-def]
    got: list[events.Event] = []
    with events.listening("registry.certificate.status_changed", got.append):
        yield got


def test_a_certificate_suspension_is_published(received, certificate) -> None:  # type: ignore[no-untyped-def]
    services.change_certificate_status(
        actor=None,
        certificate=certificate,
        to_status="suspended",
        changed_on=dt.date(2026, 5, 1),
        reason="抽查不合格",
    )
    assert [e.payload["to_status"] for e in received] == ["suspended"]
    assert received[0].division_code == "610112"


def test_an_unknown_event_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown event"):
        events.subscribe("spotcheck.nothing", lambda e: None)


def test_a_failing_handler_rolls_back_the_change(certificate) -> None:  # type: ignore[no-untyped-def]
    def boom(event: events.Event) -> None:
        raise RuntimeError("handler failed")

    with (
        events.listening("registry.certificate.status_changed", boom),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.change_certificate_status(
            actor=None,
            certificate=certificate,
            to_status="revoked",
            changed_on=dt.date(2026, 5, 1),
            reason="x",
        )
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_every_subscriber_is_listed_beside_the_events_and_every_listed_one_is_registered() -> None:
    """base/events.py shows the whole flow: what the apps registered is exactly the list."""
    registered = {name: sorted(paths) for name, paths in events.subscribed().items()}
    assert registered == {name: sorted(paths) for name, paths in events.SUBSCRIBERS.items()}


def test_an_unlisted_subscriber_is_refused() -> None:
    def sneaky(event: events.Event) -> None:
        pass

    with pytest.raises(ValueError, match="add it to SUBSCRIBERS"):
        events.subscribe("spotcheck.result.final", sneaky)
    assert events.handler_path(sneaky) not in events.subscribed()["spotcheck.result.final"]
