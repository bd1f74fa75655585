"""Recall pages: nonconforming results to act on, a recall's places and progress, and
the notices an enterprise's users see."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cablewatch.base.access import get_for_user_or_404, role_required, signed_in_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import Division, Role, User
from cablewatch.tracing.models import Notification, Recall, RecallItem, RecallSource
from cablewatch.tracing.services import recalls

OFFICERS = (Role.SUPERVISION, Role.ENFORCEMENT, Role.ADMIN)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@role_required(*OFFICERS)
def recall_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context = {
        "sources": RecallSource.objects.for_user(user).prefetch_related("recalls")[:200],
        "recalls": Recall.objects.for_user(user).select_related("source")[:200],
    }
    return render(request, "tracing/recall_list.html", context)


@require_POST
@role_required(*OFFICERS)
def recall_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    source = get_for_user_or_404(user, RecallSource, pk=pk)
    try:
        recall = recalls.open_recall(actor=user, source=source)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("tracing:recall-list")
    messages.success(request, _("Recall opened; owners and holders are notified."))
    return redirect("tracing:recall-detail", recall.pk)


def progress(items: list[RecallItem]) -> dict[str, list[dict[str, Any]]]:
    """Counts and metres by status, per project and per region."""
    by: dict[str, dict[Any, dict[str, Any]]] = {"projects": {}, "regions": {}}
    for item in items:
        if item.installation_id is None:
            continue
        keys = {"projects": item.project, "regions": item.division_code or "—"}
        for axis, key in keys.items():
            row = by[axis].setdefault(
                key, {"key": key, "total": 0, "done": 0, "counts": defaultdict(int)}
            )
            row["total"] += 1
            row["counts"][item.status] += 1
            row["done"] += item.status == RecallItem.Status.VERIFIED
    names = dict(Division.objects.filter(code__in=by["regions"]).values_list("code", "name"))
    for code, row in by["regions"].items():
        row["key"] = f"{code} {names.get(code, '')}".strip()
    return {axis: list(rows.values()) for axis, rows in by.items()}


@role_required(*OFFICERS)
def recall_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recall = get_for_user_or_404(
        _user(request), Recall.objects.select_related("source", "division"), pk=pk
    )
    items = list(
        recall.items.select_related(
            "installation__location", "installation__batch", "project", "holding_party"
        )
    )
    context = {
        "recall": recall,
        "items": items,
        "progress": progress(items),
        "statuses": RecallItem.Status,
    }
    return render(request, "tracing/recall_detail.html", context)


@require_POST
@signed_in_required
def item_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    item = get_for_user_or_404(user, RecallItem, pk=pk)
    status = request.POST.get("status", "")
    if status == RecallItem.Status.VERIFIED and not user.is_staff_user:
        raise Http404
    try:
        recalls.set_item_status(
            actor=user, item=item, status=status, note=request.POST.get("note", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Progress recorded."))
    if user.is_staff_user:
        return redirect("tracing:recall-detail", item.recall_id)
    return redirect("tracing:notice-list")


@signed_in_required
def notice_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user.enterprise_id:
        raise Http404
    notices = Notification.objects.filter(enterprise_id=user.enterprise_id).select_related(
        "recall__source"
    )
    items = (
        RecallItem.objects.for_user(user)
        .select_related("installation__location", "project", "holding_party")
        .order_by("id")
    )
    notices.filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(
        request, "tracing/notice_list.html", {"notices": notices[:100], "items": items[:500]}
    )
