from __future__ import annotations

import itertools
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cablewatch.base.audit import verify_chain
from cablewatch.base.checkpoints import verify_against_checkpoints, write_checkpoint
from cablewatch.base.dbroles import OWNER_ROLE, harden_audit_tables
from cablewatch.base.models import AuditEntry


class Command(BaseCommand):
    help = (
        "The audit trail: `audit verify` walks the hash chain and compares it with the "
        "signed checkpoints; `audit checkpoint` signs the chain head now."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="check the hash chain against the checkpoints")
        verify.add_argument("--all", action="store_true", help="list every problem, not the first")
        checkpoint = sub.add_parser("checkpoint", help="write a signed checkpoint of the head")
        checkpoint.add_argument("--purpose", default="manual", choices=["manual", "scheduled"])
        harden = sub.add_parser(
            "harden-db", help="PostgreSQL: give the audit tables to a role the app is not"
        )
        harden.add_argument("--app-role", required=True, help="the role the application uses")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "checkpoint":
            made = write_checkpoint(purpose=options["purpose"])
            self.stdout.write(
                f"checkpoint written: entry {made.seq}, hash {made.hash}, key {made.key_id}"
            )
            return
        if options["action"] == "harden-db":
            harden_audit_tables(options["app_role"])
            self.stdout.write(
                f"audit tables now owned by {OWNER_ROLE}; {options['app_role']} may read and append"
            )
            return
        problems = itertools.chain(verify_chain(), verify_against_checkpoints())
        first = next(problems, None)
        if first is None:
            count = AuditEntry.objects.count()
            self.stdout.write(f"audit chain intact: {count} entries verified")
            return
        self.stderr.write(f"audit chain broken at entry {first.seq}: {first.reason}")
        if options["all"]:
            for problem in problems:
                self.stderr.write(f"  entry {problem.seq}: {problem.reason}")
        raise CommandError("audit verification failed", returncode=1)
