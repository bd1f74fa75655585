"""Public pages: no login, only published information."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cablewatch.base.vocabulary import label
from cablewatch.portal import charts, queries, stats
from cablewatch.portal.forms import SearchForm
from cablewatch.portal.models import Announcement, PublishedResult
from cablewatch.registry.models import Certificate, Enterprise

HOME_CACHE_SECONDS = 300
PER_PAGE = 25


def _home_figures() -> dict[str, Any]:
    rows = queries.public_results()
    by_year = stats.pass_rate_by(rows, "year")
    by_family = stats.pass_rate_by(rows, "product_family")
    by_region = stats.pass_rate_by_province(rows)
    failed = stats.most_failed_items(rows)
    return {
        "headline": stats.headline(rows),
        "chart_year": charts.line_chart(
            [(y, r) for y, _n, r in by_year], title=_("Pass rate by year")
        ),
        "chart_family": charts.bar_chart(
            [(f, r, str(n)) for f, n, r in by_family], title=_("Pass rate by product family")
        ),
        "chart_region": charts.bar_chart(
            [(f, r, str(n)) for f, n, r in by_region], title=_("Pass rate by region")
        ),
        "chart_failed": charts.bar_chart(
            [(label("item", i), float(n), "") for i, n in failed],
            title=_("Most failed test items"),
            unit="",
        ),
    }


def home(request: HttpRequest) -> HttpResponse:
    """The public start page: latest announcements and headline figures."""
    key = f"portal:home:{get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = _home_figures()
        cache.set(key, figures, HOME_CACHE_SECONDS)
    latest = Announcement.objects.public().select_related("division")[:8]
    return render(request, "portal/home.html", {**figures, "latest": latest, "form": SearchForm()})


def _page(request: HttpRequest, rows: Any) -> dict[str, Any]:
    paginator: Paginator[Any] = Paginator(rows, PER_PAGE)
    params = request.GET.copy()
    params.pop("page", None)
    query = urlencode(params, doseq=True)
    return {
        "page_obj": paginator.get_page(request.GET.get("page")),
        "querystring": f"{query}&" if query else "",
        "plain_query": query,
    }


def search(request: HttpRequest) -> HttpResponse:
    """Published results by name (any spelling), code, family, designation, region, year."""
    form = SearchForm(request.GET or None)
    rows = queries.public_results()
    if form.is_bound and form.is_valid():
        rows = queries.filter_results(rows, form.cleaned_data)
    elif form.is_bound:
        rows = rows.none()
    context = {"form": form, **_page(request, rows.select_related("enterprise"))}
    return render(request, "portal/search.html", context)


def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every published result of one maker, its licences and certificates, a trend chart."""
    enterprise = Enterprise.objects.filter(pk=pk).prefetch_related("former_names").first()
    if enterprise is None:
        raise Http404
    rows = queries.public_results().filter(enterprise=enterprise)
    if not rows.exists():
        raise Http404  # only makers with a published result have a public page
    trend = (
        rows.exclude(year__isnull=True)
        .values("year")
        .annotate(total=Count("pk"), passed=Count("pk", filter=Q(verdict="pass")))
        .order_by("year")
    )
    chart = charts.line_chart(
        [(str(t["year"]), 100.0 * t["passed"] / t["total"]) for t in trend],
        title=_("Pass rate by year"),
    )
    context = {
        "enterprise": enterprise,
        "headline": stats.headline(rows),
        "certificates": Certificate.objects.filter(holder=enterprise),
        "chart": chart,
        **_page(request, rows),
    }
    return render(request, "portal/enterprise_detail.html", context)


def announcement_list(request: HttpRequest) -> HttpResponse:
    rows = Announcement.objects.public().select_related("division")
    return render(request, "portal/announcement_list.html", _page(request, rows))


def announcement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = Announcement.objects.public().filter(pk=pk).select_related("division").first()
    if announcement is None:
        raise Http404
    results = PublishedResult.objects.filter(announcement=announcement).order_by("seq")
    return render(
        request,
        "portal/announcement_detail.html",
        {"announcement": announcement, "results": results},
    )
