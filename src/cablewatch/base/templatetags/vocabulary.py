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
