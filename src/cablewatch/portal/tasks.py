"""The web upload's import, run by the worker (`cablewatch worker`) off the request."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from cablewatch.portal.importer.pipeline import ImportOptions, import_announcement
from cablewatch.portal.importer.readers import UnreadableFileError
from cablewatch.portal.models import ImportRun, ImportStatus

log = logging.getLogger(__name__)


def upload_folder() -> Path:
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@task()
def import_uploaded_file(run_id: int) -> int:
    """Import the stored upload of a queued ImportRun; returns the rows imported. The
    run's status and rows_done/rows_total are what the progress page shows."""
    run = ImportRun.objects.select_related("actor").get(pk=run_id)
    if run.status != ImportStatus.QUEUED:
        return 0  # already taken (a task delivered twice)
    path = Path(run.upload)
    try:
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as rejects:
            options = ImportOptions(
                source=run.source_label,
                region=run.region,
                actor=run.actor,
                display_name=run.file_name,
                rejects=rejects,
            )
            summary = import_announcement(path, options, run=run)
            rejects.seek(0)
            text = rejects.read() if summary.rejected else ""
        ImportRun.objects.filter(pk=run.pk).update(rejects_csv=text, upload="")
        return summary.imported
    except UnreadableFileError as error:
        _failed(run, str(error))
        return 0
    except Exception as error:
        log.exception("import run %s failed", run.pk)
        _failed(run, f"{type(error).__name__}")
        raise
    finally:
        path.unlink(missing_ok=True)


def _failed(run: ImportRun, reason: str) -> None:
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportStatus.FAILED, error=reason, finished=timezone.now(), upload=""
    )
