"""Done means (issue 11): for every report of the demo, /verify/<number> shows the
enterprise's name exactly when `report list --json` says it is public; both kinds exist."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cablewatch.base.demo import load_demo
from cablewatch.portal.models import Announcement, ImportRun, PublishedResult

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_every_demo_report_shows_its_enterprise_exactly_when_public() -> None:
    load_demo()
    out = io.StringIO()
    call_command("report", "list", "--json", stdout=out)
    reports = json.loads(out.getvalue())
    assert {r["public"] for r in reports} == {True, False}  # both kinds
    client = Client()
    for report in reports:
        page = client.get(reverse("verify:number", args=[report["number"]])).content.decode()
        assert (report["enterprise_name"] in page) is report["public"], report["number"]
        if report["public"]:  # announced only once no re-test can change it
            deadline = report["retest_deadline"]
            assert deadline is None or deadline < timezone.localdate().isoformat()
    announced = Announcement.objects.get(status="published")
    assert announced.approved_by_id != announced.created_by_id
    run = ImportRun.objects.get()
    assert (run.status, run.reviewed_by_id is not None, bool(run.original)) == (
        "published",
        True,
        True,
    )
    counts = (
        Announcement.objects.count(),
        ImportRun.objects.count(),
        PublishedResult.objects.count(),
    )
    load_demo()
    assert (
        Announcement.objects.count(),
        ImportRun.objects.count(),
        PublishedResult.objects.count(),
    ) == counts
