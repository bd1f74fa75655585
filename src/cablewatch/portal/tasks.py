"""The web upload's staging, run by the worker (`cablewatch worker`) off the request."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from cablewatch.base.errors import DomainError
from cablewatch.portal.importer.readers import UnreadableFileError
from cablewatch.portal.models import ImportRun, ImportStatus

log = logging.getLogger(__name__)


def upload_folder() -> Path:
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@task()
def import_uploaded_file(run_id: int) -> int:
    """Stage the stored upload of a queued ImportRun (read and count it with the bounded
    readers, keep the file, nothing public); returns the rows it would import. The run's
    `progress` is what the check page shows until then."""
    from cablewatch.portal.services.imports import stage_import

    run = ImportRun.objects.select_related("actor", "agency").get(pk=run_id)
    if run.progress != ImportStatus.QUEUED:
        return 0  # already taken (a task delivered twice)
    path = Path(run.upload)
    try:
        if run.actor is None or run.agency is None:
            raise DomainError("the queued import names no officer or agency")
        staged = stage_import(
            actor=run.actor, path=path, agency=run.agency, display_name=run.file_name, run=run
        )
        return int(staged.counts.get("imported", 0))
    except (UnreadableFileError, DomainError) as error:
        _failed(run, str(getattr(error, "message", error)))
        return 0
    except Exception as error:
        log.exception("import run %s failed", run.pk)
        _failed(run, f"{type(error).__name__}")
        raise
    finally:
        path.unlink(missing_ok=True)


def _failed(run: ImportRun, reason: str) -> None:
    ImportRun.objects.filter(pk=run.pk).update(
        progress=ImportStatus.FAILED, error=reason, finished=timezone.now(), upload=""
    )
