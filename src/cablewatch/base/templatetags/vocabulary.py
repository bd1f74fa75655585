"""`{% load vocabulary %}`: `value|label:"verdict"`, `values|labels:"item"`, `date|local_date`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from cablewatch.base import vocabulary

register = template.Library()


@register.filter
def label(value: Any, kind: str) -> str:
    """`{{ sample.verdict|label:"verdict" }}`: the user's words for a stored value."""
    return vocabulary.label(kind, value)


@register.filter
def labels(values: Any, kind: str) -> str:
    """`{{ sample.failed_items|labels:"item" }}`: a list (or 、-separated text) as one line."""
    return vocabulary.labels(kind, values)


@register.filter
def local_date(value: dt.date | dt.datetime | str | None) -> str:
    """`{{ report.issued_on|local_date }}`: 2026年12月2日 / 2 Dec 2026 (local time zone)."""
    return vocabulary.local_date(value)


@register.filter
def measurements(value: Any) -> str:
    """`{{ version.measurements|measurements }}`: what the lab entered, as one readable line."""
    return vocabulary.measurements_text(value)


@register.filter
def history_rows(entry: Any) -> list[tuple[str, str, str]]:
    """`{% for name, old, new in entry|history_rows %}`: a change in the user's words."""
    from cablewatch.base.history import entry_rows

    return entry_rows(entry)


@register.filter
def history_actor(entry: Any) -> str:
    """`{{ entry|history_actor }}`: who made the change, by name."""
    from cablewatch.base.history import who

    return who(entry)


@register.filter
def with_unit(value: Any, key: str) -> str:
    """`{{ item.measured|with_unit:item.item }}`: `7.62 Ω/km`; pass/fail results in words."""
    return vocabulary.with_unit(value, key)
