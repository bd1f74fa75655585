"""Open data downloads, announcement files, and watch lists (no login needed)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cablewatch.base.errors import DomainError
from cablewatch.base.vocabulary import labels
from cablewatch.portal import announcement_files, exports, queries
from cablewatch.portal.forms import SearchForm
from cablewatch.portal.models import Announcement, PublishedResult, WatchItem, WatchList
from cablewatch.portal.schema import FIELDS, LICENCE, SCHEMA_VERSION
from cablewatch.portal.services import watch

FORMATS = ("csv", "xlsx", "json")


def open_data(request: HttpRequest) -> HttpResponse:
    """The documented, versioned schema and the licence of the open data."""
    context = {"fields": FIELDS, "version": SCHEMA_VERSION, "licence": LICENCE}
    return render(request, "portal/open_data.html", context)


def _download(rows: object, fmt: str, name: str, meta: dict[str, object]) -> HttpResponse:
    if fmt == "csv":
        return exports.csv_response(rows, name)  # type: ignore[arg-type, return-value]
    if fmt == "json":
        return exports.json_response(rows, name, meta)  # type: ignore[arg-type, return-value]
    if fmt == "xlsx":
        return exports.xlsx_response(rows, name)  # type: ignore[arg-type, return-value]
    raise Http404


def open_data_all(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every published result (or those the search filters select), streamed."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    rows = queries.filter_results(PublishedResult.objects.all(), form.cleaned_data)
    stamp = timezone.localdate().isoformat()
    return _download(rows, fmt, f"cablewatch-results-{stamp}", {"generated": stamp})


def open_data_announcement(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    announcement = Announcement.objects.public().filter(pk=pk).first()
    if announcement is None:
        raise Http404
    rows = PublishedResult.objects.filter(announcement=announcement)
    name = f"announcement-{announcement.number}-v{announcement.version}-data"
    return _download(rows, fmt, name, {"announcement": str(announcement)})


def announcement_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The announcement in the standard layout: XLSX, CSV or PDF."""
    announcement = Announcement.objects.public().filter(pk=pk).first()
    if announcement is None:
        raise Http404
    makers = {
        "xlsx": announcement_files.as_xlsx,
        "csv": announcement_files.as_csv,
        "pdf": announcement_files.as_pdf,
    }
    if fmt not in makers:
        raise Http404
    return makers[fmt](announcement)


class WatchListForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the list"), max_length=100)


class WatchItemForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Follow"), choices=WatchItem.Kind.choices)
    value = forms.CharField(label=gettext_lazy("Value"), max_length=200)


def watch_create(request: HttpRequest) -> HttpResponse:
    form = WatchListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = watch.create_watch_list(actor=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
        return redirect("portal:watch-detail", made.token)
    return render(request, "portal/watch_create.html", {"form": form})


def _watch_list(token: str) -> WatchList:
    found = WatchList.objects.filter(token=token).first()
    if found is None:
        raise Http404
    return found


def watch_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The secret URL is the key: whoever has it may see and change the list."""
    watch_list = _watch_list(token)
    form = WatchItemForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("remove"):
            item = request.POST["remove"]
            if not (item.isascii() and item.isdigit() and len(item) < 19):
                raise BadRequest("not an item id")  # only a forged form sends one
            watch.remove_watch_item(watch_list=watch_list, item_id=int(item))
            return redirect("portal:watch-detail", token)
        if form.is_valid():
            try:
                watch.add_watch_item(watch_list=watch_list, **form.cleaned_data)
            except DomainError as error:
                form.add_error("value", error.message)
            else:
                messages.success(request, _("Added to the watch list."))
                return redirect("portal:watch-detail", token)
    context = {
        "watch_list": watch_list,
        "items": watch_list.items.all(),
        "form": form,
        "rows": watch.matching_results(watch_list)[:50],
    }
    return render(request, "portal/watch_detail.html", context)


def watch_feed(request: HttpRequest, token: str) -> HttpResponse:
    watch_list = _watch_list(token)
    feed = Atom1Feed(
        title=_("CableWatch: %(name)s") % {"name": watch_list.name},
        link=request.build_absolute_uri(f"/watch/{token}/"),
        description=_("New published results about what this list follows"),
        language="zh-hans",
    )
    for r in watch.matching_results(watch_list).select_related("announcement")[:100]:
        link = request.build_absolute_uri(
            f"/enterprises/{r.enterprise_id}/" if r.enterprise_id else "/search/"
        )
        feed.add_item(
            title=" · ".join(
                [r.enterprise_name, r.designation or r.product_name, r.get_verdict_display()]
            ),
            link=link,
            description=labels("item", r.failed_items)
            if r.failed_items
            else str(r.get_verdict_display()),
            unique_id=f"cablewatch:result:{r.pk}",
            updateddate=r.created,
            pubdate=r.created,
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )
