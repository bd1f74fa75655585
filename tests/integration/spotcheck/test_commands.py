"""`cablewatch spotcheck redraw` and `cablewatch report list|pdf|verify`."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from cablewatch.base.events import Event
from cablewatch.base.models import User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import DrawTask, Report
from tests.integration.spotcheck.helpers import (
    FAILING,
    PASSING,
    approved_sample,
    drawn_plan,
    first_task,
    make_cast,
)

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_redraw_prints_match_for_an_untouched_plan(alice: User, make_enterprise: object) -> None:
    for _ in range(6):
        make_enterprise()  # type: ignore[operator]
    plan = drawn_plan(make_cast(alice), batches=3)
    assert _run("spotcheck", "redraw", str(plan.pk)) == f"plan {plan.pk}: match\n"
    assert "match" in _run("spotcheck", "redraw", "--all")


def test_redraw_names_the_difference_and_exits_1(alice: User, make_enterprise: object) -> None:
    for _ in range(6):
        make_enterprise()  # type: ignore[operator]
    plan = drawn_plan(make_cast(alice), batches=3)
    task = DrawTask.objects.get(plan=plan, seq=2)
    other = Enterprise.objects.exclude(pk__in=plan.tasks.values("enterprise_id")).first()
    DrawTask.objects.filter(pk=task.pk).update(enterprise=other)  # tampering behind the services
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("spotcheck", "redraw", str(plan.pk), stdout=out)
    assert caught.value.returncode == 1
    assert "task 2" in out.getvalue()


def test_report_commands_list_write_and_verify(
    alice: User, shaanxi_maker: Enterprise, tmp_path: Path
) -> None:
    cast = make_cast(alice)
    sample = approved_sample(cast, first_task(drawn_plan(cast)), FAILING)
    number = sample.reports.get().number
    assert _run("report", "list") == f"{number}\n"
    target = tmp_path / "r.pdf"
    _run("report", "pdf", number, "-o", str(target))
    assert _run("report", "verify", str(target)) == "genuine\n"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    (tmp_path / "t.pdf").write_bytes(bytes(data))
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 not a report")
    for name in ("t.pdf", "x.pdf"):
        with pytest.raises(CommandError) as caught:
            _run("report", "verify", str(tmp_path / name))
        assert caught.value.returncode == 1


def test_the_pdf_is_reproducible_from_its_content_and_qr_address(
    alice: User, shaanxi_maker: Enterprise, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.conf import settings

    from cablewatch.spotcheck.pdf import render_report_pdf
    from cablewatch.spotcheck.services import reports

    monkeypatch.setattr(reports, "new_code", lambda: "known-code")  # random in real life
    cast = make_cast(alice)
    report = approved_sample(cast, first_task(drawn_plan(cast)), FAILING).reports.get()
    again = render_report_pdf(
        report.content,
        f"{settings.SITE_URL}/verify/{report.number}?code=known-code",
        subject=reports.SUBJECT_PREFIX + report.number,
    )
    assert again == bytes(report.pdf)


def test_report_list_json_is_the_contract(
    alice: User, shaanxi_maker: Enterprise, make_enterprise: Any
) -> None:
    import datetime as dt
    import json

    import time_machine

    from cablewatch.spotcheck.services.reports import on_announcement_published

    make_enterprise()
    cast = make_cast(alice)
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)):
        plan = drawn_plan(cast, batches=2)  # the draw comes before the sampling
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)):
        failing, passing = (
            approved_sample(cast, t, m)
            for t, m in zip(plan.tasks.order_by("seq"), (FAILING, PASSING), strict=True)
        )
        announced = passing.reports.get()
        with transaction.atomic():
            on_announcement_published(
                Event(
                    "portal.announcement.published",
                    {"published_on": "2026-12-01", "report_numbers": [announced.number]},
                )
            )
        rows = json.loads(_run("report", "list", "--json"))
    assert [r["number"] for r in rows] == sorted(r.number for r in Report.objects.all())
    by_number = {r["number"]: r for r in rows}
    bad = by_number[failing.reports.get().number]
    assert bad == {
        **bad,
        "plan": plan.pk,
        "enterprise_credit_code": failing.enterprise.credit_code,
        "enterprise_name": failing.enterprise.name,
        "designation": "BV 450/750V 1×2.5",
        "verdict": "fail",
        "final": True,
        "public": False,
        "retest_deadline": "2026-12-16",  # notified 1 Dec + 15 days
    }
    good = by_number[announced.number]
    assert (good["verdict"], good["public"], good["retest_deadline"]) == ("pass", True, None)
    assert isinstance(good["final"], bool) and good["plan"] == plan.pk
    assert _run("report", "list") == "".join(f"{r['number']}\n" for r in rows)
