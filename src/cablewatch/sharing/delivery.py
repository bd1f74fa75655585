"""Sending outbox events to peer installations: claim due deliveries with a conditional
UPDATE (its row count is the lock, so several workers never send the same row at once),
POST the signed message, log the attempt, and retry with back-off or park."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cablewatch.sharing import exchange
from cablewatch.sharing.models import Delivery, DeliveryAttempt

logger = logging.getLogger(__name__)
CLAIM_SECONDS = 120
RETRYABLE = {408, 425, 429}


def claim_due(limit: int = 50, exclude: Collection[int] = ()) -> list[int]:
    """Claim up to `limit` due deliveries for this worker; returns their ids.

    One conditional UPDATE stamps a fresh claim token on rows that are still free;
    rows another worker stamped first do not match, so no row is claimed twice.
    """
    now = timezone.now()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    due = Delivery.objects.filter(
        free, status=Delivery.Status.PENDING, next_attempt_at__lte=now
    ).exclude(pk__in=list(exclude))
    ids = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    token = uuid.uuid4().hex
    Delivery.objects.filter(free, pk__in=ids, status=Delivery.Status.PENDING).update(
        claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS), claim_token=token
    )
    return list(
        Delivery.objects.filter(claim_token=token).order_by("pk").values_list("pk", flat=True)
    )


def backoff(attempts: int) -> dt.timedelta:
    base = settings.SHARING_RETRY_SECONDS
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def send(pk: int, client: httpx.Client) -> bool:
    """One attempt for a claimed delivery; True when the peer has the message."""
    delivery = Delivery.objects.select_related("event", "peer").get(pk=pk)
    ok, code, error = _post(
        client, _url(delivery), exchange.build(delivery.event, delivery.peer.installation_id)
    )
    _record(delivery, ok=ok, code=code, error=error)
    return ok


def _url(delivery: Delivery) -> str:
    return delivery.peer.url.rstrip("/") + "/api/v1/exchange/inbox"


def _post(client: httpx.Client, url: str, message: dict[str, Any]) -> tuple[bool, int | None, str]:
    """The HTTP part alone (no database), so that it can run in a thread."""
    try:
        response = client.post(url, json=message)
    except httpx.HTTPError as exc:
        return False, None, f"{type(exc).__name__}: {exc}"
    ok = response.is_success
    return ok, response.status_code, "" if ok else response.text[:2000]


@transaction.atomic
def _record(delivery: Delivery, *, ok: bool, code: int | None, error: str) -> None:
    now = timezone.now()
    DeliveryAttempt.objects.create(delivery=delivery, ok=ok, status_code=code, error=error)
    attempts = delivery.attempts + 1
    fields: dict[str, Any] = {"attempts": attempts, "claimed_until": None, "last_error": error}
    if ok:
        fields |= {"status": Delivery.Status.DELIVERED, "delivered_at": now}
    elif _refused(code) or attempts >= settings.SHARING_MAX_ATTEMPTS:
        # Never dropped: a person looks at it on the delivery log and re-queues it.
        fields["status"] = Delivery.Status.PARKED
        logger.warning("delivery %s parked after %s attempts: %s", delivery.pk, attempts, error)
    else:
        fields["next_attempt_at"] = now + backoff(attempts)
    Delivery.objects.filter(pk=delivery.pk).update(**fields)


def _refused(code: int | None) -> bool:
    """A 4xx answer means the peer will refuse the same message again."""
    return code is not None and 400 <= code < 500 and code not in RETRYABLE


def deliver_due(
    limit: int = 50,
    timeout: float = 10.0,
    threads: int = 8,
    exclude: Collection[int] = (),
    attempted: set[int] | None = None,
) -> tuple[int, int]:
    """Deliver what is due now (but the ids in `exclude`); returns (delivered, failed).
    The ids tried are added to `attempted`.

    The POSTs of a batch run in a thread pool; reading and recording stay in this
    thread, so the database connection is never shared between threads.
    """
    ids = claim_due(limit, exclude)
    if attempted is not None:
        attempted.update(ids)
    rows = list(Delivery.objects.select_related("event", "peer").filter(pk__in=ids).order_by("pk"))
    jobs = [(_url(d), exchange.build(d.event, d.peer.installation_id)) for d in rows]
    with httpx.Client(timeout=timeout) as client, ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(lambda job: _post(client, *job), jobs))
    for delivery, (ok, code, error) in zip(rows, results, strict=True):
        _record(delivery, ok=ok, code=code, error=error)
    done = sum(1 for ok, _code, _error in results if ok)
    return done, len(results) - done


def requeue(pk: int) -> bool:
    """A person sends a parked delivery again."""
    return bool(
        Delivery.objects.filter(pk=pk, status=Delivery.Status.PARKED).update(
            status=Delivery.Status.PENDING, next_attempt_at=timezone.now(), claimed_until=None
        )
    )
