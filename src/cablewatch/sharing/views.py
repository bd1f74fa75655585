from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cablewatch.base.access import get_for_user_or_404, role_required, staff_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import Role, User
from cablewatch.sharing import delivery, services
from cablewatch.sharing.models import Delivery, Notification


class ResponseForm(forms.Form):
    response = forms.CharField(label=gettext_lazy("What was done"), max_length=255)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    """What arrived for the user's agency, what it must do and what is overdue."""
    items = list(Notification.objects.for_user(_user(request))[:300])
    todo = [n for n in items if n.action and n.done_at is None]
    context = {
        "todo": todo,
        "overdue": [n for n in todo if n.overdue],
        "items": items,
        "form": ResponseForm(),
    }
    return render(request, "sharing/inbox.html", context)


@staff_required
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_for_user_or_404(_user(request), Notification.objects, pk=pk)
    form = ResponseForm(request.POST)
    if request.method == "POST" and form.is_valid():
        try:
            services.respond(
                actor=_user(request), notification=item, response=form.cleaned_data["response"]
            )
            messages.success(request, _("Recorded."))
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Say what was done."))
    return redirect("sharing:inbox")


@role_required(Role.ADMIN)
def delivery_list(request: HttpRequest) -> HttpResponse:
    """The delivery log: everything not yet delivered first, parked ones to re-queue."""
    rows = Delivery.objects.select_related("event", "peer").prefetch_related("log")
    pending = rows.exclude(status=Delivery.Status.DELIVERED)
    done = rows.filter(status=Delivery.Status.DELIVERED).order_by("-pk")[:50]
    return render(request, "sharing/delivery_list.html", {"pending": pending, "done": done})


@role_required(Role.ADMIN)
def delivery_requeue(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST" and delivery.requeue(pk):
        messages.success(request, _("Re-queued."))
    return redirect("sharing:delivery-list")
