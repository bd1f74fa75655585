"""Imported announcements of other agencies: staged (counted, nothing public, the file
kept), checked by a second officer, then published under the agency chosen from the
agency list. One path for the upload page and `cablewatch import-announcement`."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.audit import record_change
from cablewatch.base.errors import DomainError
from cablewatch.base.models import Agency, Division, Role, User
from cablewatch.base.models.regions import in_region
from cablewatch.portal.importer.pipeline import (
    ImportOptions,
    ImportSummary,
    import_announcement,
    sha256_of,
)
from cablewatch.portal.models import ImportRun, ImportStatus
from cablewatch.portal.services.announcements import second_officer_refusal


class _DryRun(Exception):  # noqa: N818 (control flow: roll the trial import back)
    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


def source_agencies() -> Any:
    """The agencies an imported announcement may be published under (the agency list)."""
    return Agency.objects.filter(kind=Agency.Kind.REGULATOR, active=True).order_by(
        "division_id", "name"
    )


def home_division(user: User) -> Division:
    if user.agency is not None:
        return user.agency.division
    return Division.objects.get(code="000000")


def _options(run: ImportRun, agency: Agency, actor: User, rejects: io.StringIO) -> ImportOptions:
    return ImportOptions(
        source=agency.name,
        # a national agency's rows keep each enterprise's own region
        region="" if agency.division_id == "000000" else agency.division_id,
        actor=actor,
        display_name=run.file_name,
        rejects=rejects,
    )


def stage_import(
    *,
    actor: User,
    path: Path,
    agency: Agency,
    display_name: str = "",
    run: ImportRun | None = None,
) -> ImportRun:
    """Read and count the file as an import would (then roll that back: nothing becomes
    public, no enterprise is created) and keep it, staged for a second officer.
    `run` is the queued record of a web upload (the worker stages it); without it one is
    made. Raises UnreadableFileError for a file that cannot be read at all (or over a
    limit of the bounded readers)."""
    if not actor.has_role(Role.SUPERVISION):
        raise DomainError(_("Only a supervision officer may import an announcement."))
    if not source_agencies().filter(pk=agency.pk).exists():
        raise DomainError(_("Choose the publishing agency from the list."), field="agency")
    rejects = io.StringIO()
    trial = ImportRun(file_name=(display_name or path.name)[:255])
    if run is not None:
        ImportRun.objects.filter(pk=run.pk).update(progress=ImportStatus.READING)
    try:
        with transaction.atomic():
            raise _DryRun(import_announcement(path, _options(trial, agency, actor, rejects)))
    except _DryRun as done:
        summary = done.summary
    staged = {
        "status": ImportRun.Status.STAGED,
        "progress": ImportStatus.DONE,
        "agency": agency,
        "original": path.read_bytes(),
        "file_name": trial.file_name,
        "file_sha256": sha256_of(path),
        "source_label": agency.name[:200],
        "region": agency.division_id,
        "actor": actor,
        "counts": summary.contract(),
        "created_enterprises": summary.created_names,
        "rejects_csv": rejects.getvalue(),
        "upload": "",
        "finished": timezone.now(),
    }
    with transaction.atomic():
        if run is None:
            run = ImportRun.objects.create(**staged)
        else:
            for name, value in staged.items():
                setattr(run, name, value)
            run.save()
        record_change(
            actor=actor,
            action="portal.import.staged",
            target=run,
            after={
                "file": run.file_name,
                "sha256": run.file_sha256,
                "agency": agency.code,
                "counts": run.counts,
            },
            division_code=home_division(actor).code,
        )
    return run


def _check_reviewer(actor: User, run: ImportRun) -> None:
    if run.status != ImportRun.Status.STAGED:
        raise DomainError(_("Only a staged import can be checked."), code="state")
    if run.actor is None:
        raise DomainError(_("This import has no officer who staged it."), code="state")
    refusal = second_officer_refusal(actor, run.actor, home_division(run.actor))
    if refusal:
        raise DomainError(refusal)


def publish_import(*, actor: User, run: ImportRun) -> ImportSummary:
    """The second officer's check: import the kept file for real; its rows become public.

    Not one transaction: the rows are written in chunks (on SQLite no other writer waits
    for the whole file). The check is claimed first by one conditional UPDATE, so two
    officers publishing at once import it once; an import that dies half way leaves the
    run staged, and publishing again completes it (rows already in count as duplicates)."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        _check_reviewer(actor, run)
        if run.agency is None or run.original is None:
            raise DomainError(_("This import has no kept file or agency."), code="state")
        claimed = ImportRun.objects.filter(
            pk=run.pk, status=ImportRun.Status.STAGED, progress=ImportStatus.DONE
        ).update(progress=ImportStatus.QUEUED)
        if not claimed:
            raise DomainError(_("This import is being read or published already."), code="state")
    rejects = io.StringIO()
    suffix = Path(run.file_name).suffix.lower()
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"original{suffix}"
            path.write_bytes(bytes(run.original))
            options = _options(run, run.agency, run.actor or actor, rejects)
            summary = import_announcement(path, options, run)
    except BaseException:
        ImportRun.objects.filter(pk=run.pk).update(progress=ImportStatus.DONE)
        raise
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        run.status = ImportRun.Status.PUBLISHED
        run.reviewed_by, run.reviewed_at = actor, timezone.now()
        run.rejects_csv = rejects.getvalue()
        run.save(update_fields=["status", "reviewed_by", "reviewed_at", "rejects_csv"])
        record_change(
            actor=actor,
            action="portal.import.published",
            target=run,
            before={"status": ImportRun.Status.STAGED},
            after={"status": run.status, "counts": summary.contract()},
            division_code=home_division(actor).code,
        )
    summary.run_id = run.pk
    return summary


@transaction.atomic
def reject_import(*, actor: User, run: ImportRun, note: str) -> ImportRun:
    """The second officer refuses the staged file (it stays kept, nothing is published)."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    _check_reviewer(actor, run)
    if not note.strip():
        raise DomainError(_("Say why the import is rejected."), field="note")
    run.status = ImportRun.Status.REJECTED
    run.reviewed_by, run.reviewed_at, run.review_note = actor, timezone.now(), note.strip()[:500]
    run.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    record_change(
        actor=actor,
        action="portal.import.rejected",
        target=run,
        before={"status": ImportRun.Status.STAGED},
        after={"status": run.status},
        reason=run.review_note,
        division_code=home_division(actor).code,
    )
    return run


def visible_runs(user: User) -> Any:
    """Imports the officer staged or may check: of their agency, or of agencies below it."""
    if user.agency is None:
        return ImportRun.objects.none()
    return ImportRun.objects.filter(
        in_region("actor__agency__division_id", user.agency.division_id)
    ).select_related("agency", "actor", "reviewed_by")
