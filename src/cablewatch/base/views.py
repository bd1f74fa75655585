from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cablewatch.base import services
from cablewatch.base.access import signed_in_required
from cablewatch.base.lockout import address_throttled
from cablewatch.base.models import Role
from cablewatch.base.models.audit import AuditEntry


class LoginView(auth_views.LoginView):
    template_name = "base/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if address_throttled(request):
            return render(request, "base/throttled.html", status=429)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "base/password_change.html"
    success_url = "/staff/"

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        user = self.request.user
        ended = services.revoke_all_tokens(actor=user, user=user, reason="password changed")  # type: ignore[arg-type]
        messages.success(self.request, _("Your password was changed."))
        if ended:
            messages.info(self.request, _("Your API tokens were revoked; make new ones."))
        return response


@signed_in_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in start page: what this user works on, counted within their scope."""
    user = request.user
    cards = [
        card
        for config in apps.get_app_configs()
        if hasattr(config, "home_cards")
        for card in config.home_cards(user)
    ]
    recent = AuditEntry.objects.none()
    if user.is_staff_user:  # type: ignore[union-attr]
        recent = AuditEntry.objects.filter(
            user.region_filter("division_code")  # type: ignore[union-attr]
        ).order_by("-seq")[:10]
    context = {
        "cards": cards,
        "recent": recent,
        "own_enterprise": user.enterprise if user.has_role(Role.ENTERPRISE) else None,  # type: ignore[union-attr]
    }
    return render(request, "base/home.html", context)


@signed_in_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's API tokens; a new token's key is shown once, right after it is made."""
    new_key = None
    if request.method == "POST":
        name = (request.POST.get("name") or "").strip()[:64]
        if not name:
            messages.error(request, _("Give the token a name."))
        else:
            user = request.user
            _token, new_key = services.issue_token(actor=user, user=user, name=name)  # type: ignore[arg-type]
    items = request.user.api_tokens.filter(  # type: ignore[union-attr]
        revoked=False, expires__gt=timezone.now()
    ).order_by("-created")
    return render(request, "base/tokens.html", {"tokens": items, "new_key": new_key})


@require_POST
@signed_in_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)  # type: ignore[union-attr]
    services.revoke_token(actor=request.user, token=token, reason="revoked on the tokens page")  # type: ignore[arg-type]
    messages.success(request, _("The token was revoked."))
    return redirect("base:tokens")
