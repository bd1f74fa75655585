"""Publishing a staged import: written in chunks outside one whole-file transaction (on
SQLite no other writer waits for the file), and claimed once when two officers publish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from cablewatch.base.errors import DomainError
from cablewatch.base.models import Agency, AuditEntry, User
from cablewatch.portal.models import ImportRun, PublishedResult
from cablewatch.portal.services import imports
from tests.integration.portal import fixtures


@pytest.mark.django_db(transaction=True)
def test_publishing_writes_outside_one_transaction_and_is_claimed_once(
    alice: User, carol: User, agencies: dict[str, Agency], tmp_path: Path, monkeypatch: Any
) -> None:
    path = fixtures.standard_xlsx(tmp_path / "a.xlsx")
    run = imports.stage_import(actor=alice, path=path, agency=agencies["shaanxi"])
    assert not PublishedResult.objects.exists()
    seen: list[bool] = []
    real = imports.import_announcement

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "import_announcement", watched)
    summary = imports.publish_import(actor=carol, run=run)
    assert seen == [False]  # the pipeline's own chunks are the transactions
    assert summary.imported == PublishedResult.objects.count() == 4
    run.refresh_from_db()
    assert (run.status, run.progress) == ("published", "done")
    assert AuditEntry.objects.filter(action="portal.import.published").count() == 1
    with pytest.raises(DomainError):
        imports.publish_import(actor=carol, run=run)  # published: nothing to claim


@pytest.mark.django_db
def test_a_run_being_published_cannot_be_published_again(
    alice: User, carol: User, agencies: dict[str, Agency], tmp_path: Path
) -> None:
    run = imports.stage_import(
        actor=alice, path=fixtures.standard_xlsx(tmp_path / "a.xlsx"), agency=agencies["shaanxi"]
    )
    ImportRun.objects.filter(pk=run.pk).update(progress="writing")  # another officer's
    with pytest.raises(DomainError, match="已在发布中"):  # "being … published already"
        imports.publish_import(actor=carol, run=run)
    assert not PublishedResult.objects.exists()
