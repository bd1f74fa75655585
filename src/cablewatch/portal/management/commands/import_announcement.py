"""`cablewatch import-announcement`: stage another agency's published announcement, then
have a second officer publish (or reject) it.

    import-announcement FILE --agency CODE --by USER [--json] [--rejects OUT.csv]
    import-announcement --publish RUN --by USER [--json]
    import-announcement --reject RUN --by USER --note TEXT

Staging reads and counts the file (nothing becomes public) and keeps it. Exit 0 when
nothing was rejected, 1 when some rows were, 2 when the file could not be read (then
nothing is staged) or an argument names no agency, user or import, 3 when the rules
refuse the step (e.g. the same officer publishing what they staged).

Over a limit of the bounded readers is exit 2 too. The rejects file is written aside and
put in place whole, so an interrupted import leaves none.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cablewatch.base.errors import DomainError
from cablewatch.base.models import Agency, User
from cablewatch.portal.importer.readers import UnreadableFileError
from cablewatch.portal.models import ImportRun
from cablewatch.portal.services import imports


class Command(BaseCommand):
    help = "Stage a published spot-check announcement (xlsx, xls, csv or html); publish it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument("--agency", default="", help="code of the publishing agency")
        parser.add_argument("--by", default="", help="username of the officer doing this step")
        parser.add_argument("--publish", type=int, default=None, metavar="RUN")
        parser.add_argument("--reject", type=int, default=None, metavar="RUN")
        parser.add_argument("--note", default="", help="why the import is rejected")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        parser.add_argument(
            "--rejects",
            type=Path,
            default=None,
            help="CSV of rejected rows (default FILE.rejects.csv)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["by"]).first() if options["by"] else None
        if actor is None:
            raise CommandError("--by must name the officer (a username)", returncode=2)
        try:
            if options["publish"] is not None:
                run = self._run(options["publish"])
                summary = imports.publish_import(actor=actor, run=run)
                run.refresh_from_db()
                self._report(run, summary.created_names, None, options["json"])
                return
            if options["reject"] is not None:
                run = imports.reject_import(
                    actor=actor, run=self._run(options["reject"]), note=options["note"]
                )
                self._report(run, [], None, options["json"])
                return
            self._stage(actor, options)
        except DomainError as error:
            raise CommandError(f"refused: {error.message}", returncode=3) from error

    def _run(self, pk: int) -> ImportRun:
        run = ImportRun.objects.filter(pk=pk).first()
        if run is None:
            raise CommandError(f"no import {pk}", returncode=2)
        return run

    def _stage(self, actor: User, options: dict[str, Any]) -> None:
        path: Path | None = options["file"]
        if path is None:
            raise CommandError("give FILE to stage, or --publish/--reject RUN", returncode=2)
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(
                f"--agency must be the code of an agency (not {options['agency']!r})",
                returncode=2,
            )
        try:
            run = imports.stage_import(actor=actor, path=path, agency=agency)
        except UnreadableFileError as exc:
            raise CommandError(f"cannot read {path}: {exc}", returncode=2) from exc
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}", returncode=2) from exc
        rejects_path: Path = options["rejects"] or path.with_name(path.name + ".rejects.csv")
        if run.counts.get("rejected"):
            # written aside and moved into place whole: a kill never leaves half a file
            part = rejects_path.with_name(f".{rejects_path.name}.part")
            part.write_text(run.rejects_csv, encoding="utf-8")
            part.replace(rejects_path)
        else:
            rejects_path.unlink(missing_ok=True)
        self._report(run, run.created_enterprises, rejects_path, options["json"])
        if run.counts.get("rejected"):
            sys.exit(1)

    def _report(
        self, run: ImportRun, created: list[str], rejects: Path | None, as_json: bool
    ) -> None:
        counts = {**run.counts, "run": run.pk, "status": run.status}
        if as_json:
            self.stdout.write(json.dumps(counts))
            return
        for key, value in counts.items():
            self.stdout.write(f"{key.replace('_', ' ')}: {value}")
        for name in created:
            self.stdout.write(f"  created: {name}")
        if rejects is not None and run.counts.get("rejected"):
            self.stdout.write(f"rejected rows written to {rejects}")
        if run.status == ImportRun.Status.STAGED:
            self.stdout.write(
                f"staged: a second officer publishes it with --publish {run.pk} --by USER"
            )
