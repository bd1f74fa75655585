"""`cablewatch tracing import-epcis FILE [--json]`, `tracing export-epcis --batch ID`,
`tracing where-used --batch CLASS_ID [--json]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cablewatch.base.errors import DomainError
from cablewatch.tracing.models import Batch
from cablewatch.tracing.queries import where_used_json
from cablewatch.tracing.services import epcis
from cablewatch.tracing.services.export import export_batches


class Command(BaseCommand):
    help = "Tracing: import and export EPCIS 2.0 events, and ask where a batch went."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import-epcis", help="Import an EPCIS 2.0 JSON-LD document.")
        imp.add_argument("file")
        imp.add_argument("--json", action="store_true")
        used = sub.add_parser("where-used", help="Every holder and installation of a batch.")
        used.add_argument("--batch", required=True)
        used.add_argument("--json", action="store_true")
        exp = sub.add_parser("export-epcis", help="A batch's history as EPCIS 2.0 JSON-LD.")
        exp.add_argument("--batch", required=True, action="append")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import-epcis":
            self._import(options["file"], options["json"])
        elif action == "where-used":
            self._where_used(options["batch"], options["json"])
        else:
            self._export(options["batch"])

    def _import(self, path: str, as_json: bool) -> None:
        try:
            text = Path(path).read_text(encoding="utf-8")
            events = epcis.load_document(text)
        except (OSError, UnicodeDecodeError, DomainError) as exc:
            message = getattr(exc, "message", None) or str(exc)
            if as_json:
                self.stdout.write(json.dumps({"error": str(message)}, ensure_ascii=False))
            raise CommandError(f"cannot read {path}: {message}", returncode=2) from exc
        result = epcis.import_events(events, document_name=Path(path).name)
        if as_json:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            self.stdout.write(
                f"{result.events_read} events read, {result.imported} imported, "
                f"{result.already} already imported before, {len(result.rejects)} rejected"
            )
            for reject in result.rejects:
                self.stderr.write(f"event {reject['index']}: {reject['reason']}")
        if result.rejects:
            sys.exit(1)

    def _where_used(self, class_id: str, as_json: bool) -> None:
        batch = Batch.objects.filter(class_id=class_id).first()
        if batch is None:
            raise CommandError(f"unknown batch {class_id}", returncode=1)
        data = where_used_json(batch)
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{class_id}: installed {data['installed_m']} m, held {data['held_m']} m")
        for inst in data["installations"]:
            self.stdout.write(
                f"  installed {inst['length_m']} m at {inst['location']} ({inst['project'] or '-'})"
            )
        for holder in data["holders"]:
            self.stdout.write(f"  held {holder['length_m']} m by {holder['party']}")

    def _export(self, class_ids: list[str]) -> None:
        batches = list(Batch.objects.filter(class_id__in=class_ids))
        if len(batches) != len(set(class_ids)):
            raise CommandError("unknown batch", returncode=1)
        self.stdout.write(json.dumps(export_batches(batches), ensure_ascii=False, indent=1))
