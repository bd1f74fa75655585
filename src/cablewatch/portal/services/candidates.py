"""Final spot-check results become pending disclosure candidates (from the event)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cablewatch.base.deadlines import RETEST_WINDOW_DAYS
from cablewatch.base.events import Event
from cablewatch.portal.items import item_text
from cablewatch.portal.models import DisclosureCandidate


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _s(payload: dict[str, Any], key: str, limit: int) -> str:
    value = payload.get(key)
    return "" if value is None else str(value)[:limit]


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _retest_deadline(p: dict[str, Any], *, verdict: str, retest: bool) -> dt.date | None:
    """The payload's deadline; an older payload without one: a failure's result date
    plus the legal window (the cautious reading), none for a pass or a re-test."""
    if "retest_deadline" in p:
        return _date(p.get("retest_deadline"))
    result_date = _date(p.get("result_date"))
    if verdict != "fail" or retest or result_date is None:
        return None
    return result_date + dt.timedelta(days=RETEST_WINDOW_DAYS)


def on_retest_requested(event: Event) -> None:
    """The enterprise applied for a re-test: hold the pending candidate back until the
    re-test's result arrives (it replaces the candidate)."""
    sample_id = str(event.payload.get("sample_id", ""))[:64]
    DisclosureCandidate.objects.filter(
        sample_id=sample_id, status=DisclosureCandidate.Status.PENDING
    ).update(retest_pending=True)


def on_result_final(event: Event) -> None:
    """Store the result as a pending candidate; a re-test result replaces a pending one.

    Runs inside the spot-check transaction, so the candidate exists exactly when
    the final result does. An already announced result is left alone: its
    correction goes through a new announcement version.
    """
    p = event.payload
    failed = p.get("failed_items") or []
    verdict = "fail" if p.get("verdict") == "fail" else "pass"
    retest = bool(p.get("retest"))
    values = {
        "report_number": _s(p, "report_number", 64),
        "verdict": verdict,
        "failed_items": item_text(str(i) for i in failed)[:500],
        "designation": _s(p, "designation", 200),
        "product_name": _s(p, "product_family", 200) or _s(p, "designation", 200),
        "product_family": _s(p, "product_family", 32),
        "brand": _s(p, "brand", 100),
        "batch": (_s(p, "batch_number", 60) + " " + _s(p, "production_date", 30)).strip(),
        "enterprise_name": _s(p, "enterprise_name", 200),
        "enterprise_id_ref": _int(p.get("enterprise_id")),
        "credit_code": _s(p, "credit_code", 18),
        "division_code": _s(p, "enterprise_division", 6),
        "sampled_unit_name": _s(p, "sampled_unit_name", 200),
        "sampled_unit_location": _s(p, "sampled_unit_address", 255),
        "lab_name": _s(p, "lab_name", 200),
        "plan_division": _s(p, "plan_division", 6) or event.division_code,
        "result_date": _date(p.get("result_date")),
        "retest": retest,
        "plan_ref": _int(p.get("plan_id")),
        "plan_name": _s(p, "plan_name", 200),
        "retest_deadline": _retest_deadline(p, verdict=verdict, retest=retest),
        "retest_pending": False,  # a re-test's result is final
    }
    sample_id = str(p.get("sample_id", ""))[:64]
    pending = DisclosureCandidate.objects.filter(
        sample_id=sample_id, status=DisclosureCandidate.Status.PENDING
    ).first()
    if pending is not None:
        for key, value in values.items():
            setattr(pending, key, value)
        pending.save(update_fields=list(values))
        return
    DisclosureCandidate.objects.create(sample_id=sample_id, **values)
