"""Read-side queries of the public record, shared by pages, open data and the API."""

from __future__ import annotations

from typing import Any

from cablewatch.base.models.regions import in_region
from cablewatch.lib.textnorm import clean_text
from cablewatch.portal.models import PublishedResult
from cablewatch.portal.models.results import PublishedResultQuerySet, designation_key


def public_results() -> PublishedResultQuerySet:
    return PublishedResult.objects.current()


def filter_results(rows: PublishedResultQuerySet, f: dict[str, Any]) -> PublishedResultQuerySet:
    """Apply cleaned search filters (keys of SearchForm / the API)."""
    if f.get("q"):
        rows = rows.search_name(f["q"])
    if f.get("family"):
        rows = rows.filter(product_family=clean_text(f["family"]).upper())
    if f.get("designation"):
        rows = rows.filter(designation_key__contains=designation_key(f["designation"]))
    if f.get("region"):
        rows = rows.filter(in_region("division_code", f["region"]))
    if f.get("year"):
        rows = rows.filter(year=f["year"])
    if f.get("verdict"):
        rows = rows.filter(verdict=f["verdict"])
    if f.get("source"):
        rows = rows.filter(source=f["source"])
    if f.get("enterprise"):
        rows = rows.filter(enterprise_id=f["enterprise"])
    return rows
