"""`cablewatch report list [--json]|pdf|verify`: issued test reports and their verification."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cablewatch.spotcheck.models import Report
from cablewatch.spotcheck.services.reports import listing, verify_pdf


class Command(BaseCommand):
    help = "Test reports: list the numbers, write a signed PDF, verify a PDF file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listed = sub.add_parser("list", help="every report number, one a line")
        listed.add_argument(
            "--json",
            action="store_true",
            help="one JSON array of objects (number, plan, enterprise, verdict, public, ...)",
        )
        pdf = sub.add_parser("pdf", help="write the signed PDF of a report")
        pdf.add_argument("number")
        pdf.add_argument("-o", "--output", required=True)
        verify = sub.add_parser("verify", help="say whether a PDF is a genuine, unaltered report")
        verify.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list" and options["json"]:
            self.stdout.write(json.dumps(listing(), ensure_ascii=False))
        elif action == "list":
            for number in Report.objects.order_by("number").values_list("number", flat=True):
                self.stdout.write(number)
        elif action == "pdf":
            report = Report.objects.filter(number=options["number"]).first()
            if report is None:
                raise CommandError(f"no report {options['number']}", returncode=1)
            Path(options["output"]).write_bytes(bytes(report.pdf))
        else:
            self._verify(Path(options["file"]))

    def _verify(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}", returncode=1) from exc
        result = verify_pdf(data)
        if not result.genuine:
            raise CommandError(f"not genuine: {result.reason}", returncode=1)
        self.stdout.write("genuine")
        if result.report is not None and result.report.superseded:
            self.stdout.write("note: superseded by a later result (re-test or correction)")
