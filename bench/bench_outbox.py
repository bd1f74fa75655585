"""Outbox throughput: events per second written to the outbox with the change that caused
them and then delivered (signed, over HTTP) to a receiver on loopback, as a ratio to plain
inserts of the same events in the same database.

The receiver is a minimal HTTP server in this process that answers 201, so the figure is
the sender's cost (outbox row, delivery row, claim, signing, POST, log), not the
receiving installation's. DATABASE_URL selects PostgreSQL (tables are migrated there);
BENCH_QUICK=1 shrinks the run.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WORK = tempfile.mkdtemp(prefix="cw-bench-outbox-")
os.environ.setdefault("CABLEWATCH_VAR_DIR", WORK)
os.environ["CABLEWATCH_KEYS_DIR"] = os.path.join(WORK, "keys")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cablewatch.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
N = 200 if os.environ.get("BENCH_QUICK") == "1" else 2000


class Receiver(BaseHTTPRequestHandler):
    received = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        Receiver.received += 1
        self.send_response(201)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: Any) -> None:
        return


def payload(i: int) -> dict[str, Any]:
    return {"case_id": i, "enterprise_id": i, "outcome": "closed", "division": "610112"}


def plain_inserts(n: int) -> float:
    from django.db import transaction

    from cablewatch.sharing.models import OutboxEvent

    started = time.perf_counter()
    for i in range(n):
        with transaction.atomic():
            OutboxEvent.objects.create(name="enforcement.case.closed", payload=payload(i))
    return time.perf_counter() - started


def outbox_and_deliver(n: int) -> tuple[float, float]:
    """Seconds to write the events with their outbox rows, and to deliver them all."""
    from django.db import transaction

    from cablewatch.base.events import Event, publish
    from cablewatch.sharing import delivery

    started = time.perf_counter()
    for i in range(n):
        with transaction.atomic():
            publish(Event("enforcement.case.closed", payload(i), division_code="610112"))
    written = time.perf_counter()
    while True:
        done, failed = delivery.deliver_due(limit=200)
        if not done and not failed:
            break
    return written - started, time.perf_counter() - written


def main() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from cablewatch.sharing.models import Delivery, OutboxEvent, Peer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    Peer.objects.update_or_create(
        installation_id="bench-peer", defaults={"url": url, "events": ["*"]}
    )
    base = plain_inserts(N)
    OutboxEvent.objects.filter(deliveries__isnull=True).delete()
    write, send = outbox_and_deliver(N)
    spent = write + send
    server.shutdown()
    delivered = Delivery.objects.filter(status="delivered").count()
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.count()
    print(f"events: {N}, delivered: {delivered}, received: {Receiver.received}, tasks: {queued}")
    print(f"plain inserts: {N / base:,.0f} events/s")
    print(f"publish with outbox + delivery rows: {N / write:,.0f} events/s")
    print(f"signed delivery on loopback: {N / send:,.0f} events/s")
    print(f"outbox + signed delivery on loopback: {N / spent:,.0f} events/s")
    print(f"ratio publish with outbox / plain insert: {base / write:.2f}")
    print(f"ratio outbox+delivery / plain insert: {base / spent:.2f}")


if __name__ == "__main__":
    main()
