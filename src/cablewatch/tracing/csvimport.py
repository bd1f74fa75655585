"""Movements from a CSV upload, turned into EPCIS events so they pass the same checks.

Columns: kind (commission|ship|install), batch, from, to, location, length_m, date,
and for commission rows designation, batch_number, production_date.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _

from cablewatch.base.errors import DomainError

STEP = {"commission": "commissioning", "ship": "shipping", "install": "installing"}
COLUMNS = ("kind", "batch", "from", "to", "location", "length_m", "date")


def rows_to_events(text: str) -> list[Any]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DomainError(_("CSV columns missing: %(columns)s") % {"columns": ", ".join(missing)})
    return [row_to_event(row) for row in reader]


def row_to_event(row: dict[str, str]) -> dict[str, Any]:
    step = STEP.get((row.get("kind") or "").strip(), (row.get("kind") or "").strip())
    date = (row.get("date") or "").strip()
    event: dict[str, Any] = {
        "type": "ObjectEvent",
        "eventTime": date if "T" in date else f"{date}T00:00:00+08:00",
        "eventTimeZoneOffset": "+08:00",
        "action": "ADD" if step == "commissioning" else "OBSERVE",
        "bizStep": step,
        "quantityList": [
            {
                "epcClass": row.get("batch", "").strip(),
                "quantity": row.get("length_m", "").strip(),
                "uom": "MTR",
            }
        ],
    }
    source, dest = (row.get("from") or "").strip(), (row.get("to") or "").strip()
    if step == "commissioning":
        dest = dest or source
        event["ilmd"] = {
            "cw:designation": row.get("designation", ""),
            "cbvmda:lotNumber": row.get("batch_number", ""),
            "cw:productionDate": row.get("production_date", ""),
        }
    if source and step != "commissioning":
        event["sourceList"] = [{"type": "owning_party", "source": source}]
    if dest:
        event["destinationList"] = [{"type": "owning_party", "destination": dest}]
    if row.get("location"):
        event["bizLocation"] = {"id": row["location"].strip()}
    return event
