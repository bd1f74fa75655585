"""What a lab reviewer sees before approving: per item the measured value, the limit, the
engine's verdict (or the analyst's, for an item judged by hand), what changed since the
previous version, and the sample's verdict."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from cablewatch.spotcheck.entry import (
    EntryField,
    item_name,
    limit_text,
    result_word,
    values_from_measurements,
)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass
class ReviewRow:
    item: str
    name: str
    measured: list[str]
    limit: list[str]
    result: str
    result_word: str
    severity: str
    hand: Mapping[str, str] | None
    changes: list[Change] = field(default_factory=list)


def _number(value: object, unit: str) -> str:
    if isinstance(value, bool) or value is None:
        return "—"
    if isinstance(value, int | float):
        return f"{value:g} {unit}".strip()
    return result_word(value) if value in ("pass", "fail") else str(value)


def _measured(item: Mapping[str, Any], unit: str) -> list[str]:
    at_20, rounded = _("at 20 °C"), _("rounded")
    elements = item.get("elements") or []
    if elements:
        out = []
        for e in elements:
            text = f"{e.get('section_mm2'):g} mm²: {_number(e.get('measured'), unit)}"
            if e.get("value_20c") is not None:
                text += f" ({at_20} {e['value_20c']:g})"
            out.append(text)
        return out
    text = _number(item.get("measured"), unit)
    if item.get("value_20c") is not None:
        text += f" ({at_20} {item['value_20c']:g})"
    if item.get("value_rounded") is not None:
        text += f" ({rounded} {item['value_rounded']:g})"
    return [text]


def _severity(value: object) -> str:
    if value == "serious":
        return _("serious")
    if value == "general":
        return _("general")
    return ""


def review_rows(
    fields: list[EntryField],
    work: list[dict[str, Any]],
    verdict: Mapping[str, Any],
    now: Mapping[str, Any],
    before: Mapping[str, Any] | None,
    *,
    manual_now: Mapping[str, Any] | None = None,
    manual_before: Mapping[str, Any] | None = None,
) -> list[ReviewRow]:
    """One row per judged item; `changes` against the previous version's measurements."""
    spec = {str(i["item"]): i for i in work}
    new_values = values_from_measurements(fields, now)
    old_values = values_from_measurements(fields, before) if before is not None else None
    out = []
    for item in verdict.get("items") or []:
        name = str(item["item"])
        feeding = [f for f in fields if name in f.items]
        unit = feeding[0].unit if feeding else ""
        sections = [f.section for f in feeding if f.part in (None, "value", "mean", "min")]
        limits = (
            [limit_text(spec[name], s, unit) for s in dict.fromkeys(sections)]
            if name in spec
            else []
        )
        row = ReviewRow(
            item=name,
            name=item_name(name),
            measured=_measured(item, unit),
            limit=limits or ["—"],
            result=str(item["result"]),
            result_word=result_word(item["result"]),
            severity=_severity(item.get("severity")),
            hand=item.get("manual") if item.get("judged_by") == "hand" else None,
        )
        if old_values is not None:
            for f in feeding:
                a, b = old_values.get(f.name, ""), new_values.get(f.name, "")
                if a != b:
                    row.changes.append(Change(f.label, _shown(a), _shown(b)))
            hand_a = (manual_before or {}).get(name)
            hand_b = (manual_now or {}).get(name)
            if hand_a != hand_b:
                row.changes.append(
                    Change(_("judged by hand"), _hand_text(hand_a), _hand_text(hand_b))
                )
        out.append(row)
    return out


def _shown(value: str) -> str:
    return result_word(value) if value in ("pass", "fail") else (value or "—")


def _hand_text(hand: Mapping[str, Any] | None) -> str:
    if not hand:
        return "—"
    return f"{result_word(hand.get('result'))} · {hand.get('clause', '')}"
