"""Figures the public pages show, computed in the database (grouped counts)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr

from cablewatch.base.models import Division
from cablewatch.portal.items import item_keys
from cablewatch.portal.models import PublishedResult

FAILED_ITEMS_SCAN = 50_000  # the most recent failures are enough to rank the items


def _rate(total: int, passed: int) -> float:
    return round(100.0 * passed / total, 1) if total else 0.0


def headline(rows: QuerySet[PublishedResult]) -> dict[str, Any]:
    agg = rows.aggregate(
        total=Count("pk"),
        passed=Count("pk", filter=Q(verdict="pass")),
        enterprises=Count("enterprise_key", distinct=True),
    )
    agg["failed"] = agg["total"] - agg["passed"]
    agg["pass_rate"] = _rate(agg["total"], agg["passed"])
    return agg


def pass_rate_by(rows: QuerySet[PublishedResult], field: str) -> list[tuple[str, int, float]]:
    """(key, batches, pass rate) per value of `field`, largest groups first for non-years."""
    grouped = (
        rows.exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(total=Count("pk"), passed=Count("pk", filter=Q(verdict="pass")))
    )
    out = [(str(g[field]), g["total"], _rate(g["total"], g["passed"])) for g in grouped if g[field]]
    if field == "year":
        return sorted(out)[-10:]
    return sorted(out, key=lambda t: -t[1])[:10]


def pass_rate_by_province(rows: QuerySet[PublishedResult]) -> list[tuple[str, int, float]]:
    grouped = (
        rows.exclude(division_code="")
        .annotate(province=Substr("division_code", 1, 2))
        .values("province")
        .annotate(total=Count("pk"), passed=Count("pk", filter=Q(verdict="pass")))
    )
    names = {d.code[:2]: d.display_name for d in Division.objects.filter(level="province")}
    names["00"] = str(Division.objects.filter(code="000000").first() or "—")
    out = [
        (names.get(g["province"], g["province"]), g["total"], _rate(g["total"], g["passed"]))
        for g in grouped
    ]
    return sorted(out, key=lambda t: -t[1])[:10]


def most_failed_items(rows: QuerySet[PublishedResult], n: int = 8) -> list[tuple[str, int]]:
    """(item, failures): each item counted once however its source wrote it (the engine's
    key when the vocabulary knows the name, else the published text)."""
    counter: Counter[str] = Counter()
    texts = (
        rows.filter(verdict="fail")
        .exclude(failed_items="")
        .order_by("-pk")
        .values_list("failed_items", flat=True)[:FAILED_ITEMS_SCAN]
    )
    for text in texts:  # one vocabulary: a platform key and an imported name count once
        counter.update(item_keys(text))
    return counter.most_common(n)
