from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cablewatch.enforcement.penalty import PenaltyInputError, calculate


class Command(BaseCommand):
    help = "The fine range, confiscations and transfer suggestion for a violation (PQL)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--violation", required=True, help="unsafe_product, adulteration, …")
        parser.add_argument("--sold-value", required=True, help="value of goods sold, yuan")
        parser.add_argument("--unsold-value", required=True, help="value of goods unsold, yuan")
        parser.add_argument("--illegal-income", default="0", help="illegal income, yuan")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            result = calculate(
                o["violation"], o["sold_value"], o["unsold_value"], o["illegal_income"]
            )
        except PenaltyInputError as exc:
            raise CommandError(str(exc), returncode=2) from None
        if o["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        for line in result.working:
            self.stdout.write(line)
        transfer = result.transfer
        verdict = "suggested" if transfer.suggested else "not suggested"
        self.stdout.write(f"transfer to the police {verdict}: {transfer.reason} {transfer.basis}")
