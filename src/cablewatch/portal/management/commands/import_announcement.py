"""`cablewatch import-announcement FILE [--source TEXT] [--region CODE] [--json] [--rejects OUT]`.

Exit 0 when nothing was rejected, 1 when some rows were, 2 when the file could
not be read at all or exceeds a limit (and then nothing was imported). The rejects
file is written aside and put in place only when the import has finished, so an
interrupted import leaves none.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from argparse import ArgumentParser
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cablewatch.base.models import Division
from cablewatch.portal.importer.pipeline import ImportOptions, import_announcement
from cablewatch.portal.importer.readers import UnreadableFileError


class Command(BaseCommand):
    help = "Import a published spot-check announcement (xlsx, xls, csv or html)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", default="", help="who published it (kept on each row)")
        parser.add_argument("--region", default="", help="GB/T 2260 code of the publisher")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        parser.add_argument(
            "--rejects",
            type=Path,
            default=None,
            help="CSV of rejected rows (default FILE.rejects.csv)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        region: str = options["region"]
        if region and not Division.objects.filter(code=region).exists():
            raise CommandError(f"unknown region code {region}", returncode=2)
        rejects_path: Path = options["rejects"] or path.with_name(path.name + ".rejects.csv")
        with ExitStack() as stack:
            rejects = stack.enter_context(
                tempfile.NamedTemporaryFile(  # removed when closed
                    "w", encoding="utf-8", newline="", suffix=".rejects.csv"
                )
            )
            bar = stack.enter_context(
                tqdm(
                    unit=" rows",
                    file=sys.stderr,
                    disable=options["json"] and not sys.stderr.isatty(),
                )
            )
            try:
                summary = import_announcement(
                    path,
                    ImportOptions(
                        source=options["source"],
                        region=region,
                        rejects=rejects,
                        progress=bar.update,
                    ),
                )
            except UnreadableFileError as exc:
                raise CommandError(f"cannot read {path}: {exc}", returncode=2) from exc
            if summary.rejected:
                rejects.flush()
                part = rejects_path.with_name(f".{rejects_path.name}.part")
                shutil.copyfile(rejects.name, part)
                part.replace(rejects_path)
            else:
                rejects_path.unlink(missing_ok=True)
        self._report(summary.contract(), summary.created_names, rejects_path, options["json"])
        if summary.rejected:
            sys.exit(1)

    def _report(
        self, counts: dict[str, int], created: list[str], rejects: Path, as_json: bool
    ) -> None:
        if as_json:
            self.stdout.write(json.dumps(counts))
            return
        for key, value in counts.items():
            self.stdout.write(f"{key.replace('_', ' ')}: {value}")
        for name in created:
            self.stdout.write(f"  created: {name}")
        if counts["rejected"]:
            self.stdout.write(f"rejected rows written to {rejects}")
