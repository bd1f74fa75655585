"""Final spot-check results become pending disclosure candidates (from the event)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cablewatch.base.events import Event
from cablewatch.base.vocabulary import label
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


def on_result_final(event: Event) -> None:
    """Store the result as a pending candidate; a re-test result replaces a pending one.

    Runs inside the spot-check transaction, so the candidate exists exactly when
    the final result does. An already announced result is left alone: its
    correction goes through a new announcement version.
    """
    p = event.payload
    failed = p.get("failed_items") or []
    values = {
        "report_number": _s(p, "report_number", 64),
        "verdict": "fail" if p.get("verdict") == "fail" else "pass",
        # the engine's Chinese item names, as announcements write them
        "failed_items": "、".join(label("item", str(i), "zh-hans") for i in failed)[:500],
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
        "retest": bool(p.get("retest")),
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
