from __future__ import annotations

import json
import signal
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cablewatch.base.errors import DomainError
from cablewatch.sharing import delivery, services, signing
from cablewatch.sharing.models import Delivery


class Command(BaseCommand):
    help = "Exchange with other installations: deliver, keys, peers, the delivery log."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        deliver = sub.add_parser("deliver", help="send due outbox deliveries")
        deliver.add_argument("--once", action="store_true", help="one pass, then exit")
        deliver.add_argument("--interval", type=float, default=2.0)
        sub.add_parser("public-key", help="print this installation's current public key (JSON)")
        sub.add_parser("rotate-key", help="make a new signing key current")
        peer = sub.add_parser("add-peer", help="trust a peer key (and say where to send)")
        peer.add_argument("--installation-id", required=True)
        peer.add_argument("--key-id", required=True)
        peer.add_argument("--public-key", required=True)
        peer.add_argument("--url", default="")
        peer.add_argument("--division-prefix", default="")
        peer.add_argument("--events", default="*", help="comma-separated event names or *")
        sub.add_parser("log", help="print deliveries that are not delivered")
        requeue = sub.add_parser("requeue", help="send a parked delivery again")
        requeue.add_argument("id", type=int)

    def handle(self, *args: Any, **o: Any) -> None:
        getattr(self, "do_" + o["action"].replace("-", "_"))(o)

    def do_deliver(self, o: dict[str, Any]) -> None:
        stop = {"now": False}
        signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
        while not stop["now"]:
            done, failed = delivery.deliver_due()
            if done or failed:
                self.stdout.write(f"delivered {done}, failed {failed}")
            if o["once"]:
                return
            time.sleep(o["interval"])

    def do_public_key(self, o: dict[str, Any]) -> None:
        from django.conf import settings

        kid, public = signing.public_key_b64()
        data = {"installation_id": settings.INSTALLATION_ID, "key_id": kid, "public_key": public}
        self.stdout.write(json.dumps(data))

    def do_rotate_key(self, o: dict[str, Any]) -> None:
        self.stdout.write(signing.new_key())

    def do_add_peer(self, o: dict[str, Any]) -> None:
        events = [e.strip() for e in o["events"].split(",") if e.strip()]
        try:
            peer = services.trust_peer_key(
                actor=None,
                installation_id=o["installation_id"],
                key_id=o["key_id"],
                public_key=o["public_key"],
                url=o["url"],
                division_prefix=o["division_prefix"],
                events=events,
            )
        except DomainError as exc:
            flag = "--" + (exc.field or "").replace("_", "-")
            raise CommandError(f"{flag}: {exc.message}", returncode=2) from exc
        self.stdout.write(f"peer {peer.installation_id}: key {o['key_id']} trusted")

    def do_log(self, o: dict[str, Any]) -> None:
        rows = Delivery.objects.exclude(status=Delivery.Status.DELIVERED).select_related("peer")
        for d in rows:
            line = f"{d.pk}\t{d.status}\t{d.peer}\t{d.attempts}\t{d.next_attempt_at:%F %T}\t"
            self.stdout.write(line + d.last_error[:120])

    def do_requeue(self, o: dict[str, Any]) -> None:
        if not delivery.requeue(o["id"]):
            raise CommandError(f"delivery {o['id']} is not parked", returncode=1)
        self.stdout.write("re-queued")
