from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cablewatch.base.audit import verify_chain
from cablewatch.base.models import AuditEntry


class Command(BaseCommand):
    help = "The audit trail: `audit verify` walks the hash chain and names the first break."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="check every entry of the hash chain")
        verify.add_argument("--all", action="store_true", help="list every problem, not the first")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify_chain()
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
