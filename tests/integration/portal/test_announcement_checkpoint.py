"""A published announcement carries the audit chain head it was published under."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from cablewatch.base.checkpoints import latest_for, read_checkpoints
from cablewatch.base.models import AuditHead, User
from cablewatch.portal.services import announcements as service
from cablewatch.registry.models import Enterprise
from tests.integration.portal.builders import final_result
from tests.integration.portal.test_announcements import TODAY, draft

pytestmark = pytest.mark.django_db


@time_machine.travel(TODAY)
def test_publishing_signs_the_head_and_the_public_page_shows_it(
    alice: User,
    carol: User,
    shaanxi_maker: Enterprise,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    final_result(1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"])
    announcement = draft(alice)
    with django_capture_on_commit_callbacks(execute=True):
        service.approve_announcement(actor=carol, announcement=announcement)
    head = AuditHead.objects.get(pk=1)
    checkpoint = latest_for(f"announcement:{announcement.pk}")
    assert checkpoint is not None
    assert (checkpoint.seq, checkpoint.hash) == (head.last_seq, head.last_hash)
    logged = [c for c in read_checkpoints() if not isinstance(c, Exception)]
    assert [getattr(c, "ref", "") for c in logged] == [f"announcement:{announcement.pk}"]
    page = Client().get(f"/announcements/{announcement.pk}/")
    assert page.status_code == 200
    assert head.last_hash in page.content.decode()
