"""/api/v1/published-results and /announcements: the open data, public (auth=None).

Filters are strict: an unknown query parameter is an error, never silently
ignored (a typo would otherwise return the whole set). The cursor is the
changes-since mark: rows are only ever added (a correction adds rows and marks
the old ones superseded), so keeping the last `next_cursor`, or asking with
`since=<cursor>` later, fetches exactly what is new.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from cablewatch.api.pagination import page
from cablewatch.api.types import Int64
from cablewatch.base.errors import DomainError
from cablewatch.portal.forms import SearchForm
from cablewatch.portal.models import Announcement, PublishedResult
from cablewatch.portal.queries import filter_results
from cablewatch.portal.schema import LICENCE, SCHEMA_VERSION, row_values

PREFIX = ""
router = Router(tags=["open data"], auth=None)

RESULT_PARAMS = {
    "q",
    "family",
    "designation",
    "region",
    "year",
    "verdict",
    "source",
    "enterprise",
    "superseded",
    "cursor",
    "since",
    "limit",
}


def _check_params(request: HttpRequest, allowed: set[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise DomainError(
            f"unknown filter: {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}",
            field=unknown[0],
        )


@router.get("/published-results", summary="Published results (open data), paged and filtered")
def list_results(
    request: HttpRequest,
    *,
    q: str = "",
    family: str = "",
    designation: str = "",
    region: str = "",
    year: Int64 | None = None,
    verdict: str = "",
    source: str = "",
    enterprise: Int64 | None = None,
    superseded: bool | None = None,
    cursor: str | None = None,
    since: str | None = None,
    limit: Int64 | None = None,
) -> dict[str, Any]:
    """`since` (or `cursor`) returns only rows added after that mark."""
    _check_params(request, RESULT_PARAMS)
    form = SearchForm(
        {
            "q": q,
            "family": family,
            "designation": designation,
            "region": region,
            "year": year or "",
            "verdict": verdict,
            "source": source,
        }
    )
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise DomainError(str(errors[0]), field=field)
    rows = filter_results(
        PublishedResult.objects.all(), {**form.cleaned_data, "enterprise": enterprise}
    )
    if superseded is not None:
        rows = rows.filter(superseded=superseded)
    body = page(rows, cursor=cursor or since, limit=limit, render=row_values)
    if body["next_cursor"] is None and body["items"]:
        from cablewatch.api.pagination import encode_cursor

        body["since_cursor"] = encode_cursor(body["items"][-1]["id"])
    else:
        body["since_cursor"] = body["next_cursor"] or cursor or since
    return {"schema_version": SCHEMA_VERSION, "licence": LICENCE, **body}


def announcement_out(a: Announcement) -> dict[str, Any]:
    return {
        "id": a.pk,
        "number": a.number,
        "version": a.version,
        "title": a.title,
        "region": a.division_id,
        "disclosure_date": a.disclosure_date.isoformat(),
        "status": a.status,
        "summary": {k: v for k, v in a.summary.items() if k != "rows"},
        "supersedes": a.supersedes_id,
        "correction_note": a.correction_note,
    }


@router.get("/announcements", summary="Published announcements (and superseded versions)")
def list_announcements(
    request: HttpRequest, *, cursor: str | None = None, limit: Int64 | None = None
) -> dict[str, Any]:
    _check_params(request, {"cursor", "limit"})
    return page(Announcement.objects.public(), cursor=cursor, limit=limit, render=announcement_out)
