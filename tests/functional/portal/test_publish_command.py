"""`cablewatch publish-announcements` and the announcements API."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from cablewatch.base.models import Division, User
from cablewatch.portal.models import DisclosureCandidate
from cablewatch.portal.services import announcements as service
from cablewatch.registry.models import Enterprise
from tests.integration.portal.builders import final_result

pytestmark = pytest.mark.django_db


def test_the_daily_command_publishes_what_is_due_and_the_api_lists_it(
    alice: User, carol: User, shaanxi_maker: Enterprise
) -> None:
    final_result(
        1, shaanxi_maker, verdict="fail", failed_items=["导体电阻"], retest_deadline="2026-02-20"
    )
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)):
        made = service.generate_announcement(
            actor=alice,
            division=Division.objects.get(code="610000"),
            title="t",
            number="SX-9",
            disclosure_date=dt.date(2026, 3, 5),
            candidate_ids=list(DisclosureCandidate.objects.values_list("pk", flat=True)),
        )
        service.approve_announcement(actor=carol, announcement=made)
        assert Client().get("/api/v1/announcements").json()["items"] == []
    out = StringIO()
    with time_machine.travel(dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)):
        call_command("publish_announcements", stdout=out)
    assert "SX-9" in out.getvalue()
    items = Client().get("/api/v1/announcements").json()["items"]
    assert [(i["number"], i["status"]) for i in items] == [("SX-9", "published")]
    assert items[0]["summary"]["nonconforming"] == 1
    assert Client().get("/api/v1/announcements", {"x": "1"}).status_code == 400
