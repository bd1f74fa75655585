from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cablewatch.base.access import signed_in_required
from cablewatch.base.lockout import address_throttled
from cablewatch.base.models import ApiToken, Role
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
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


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
            _token, new_key = ApiToken.issue(request.user, name)  # type: ignore[arg-type]
    items = request.user.api_tokens.filter(revoked=False).order_by("-created")  # type: ignore[union-attr]
    return render(request, "base/tokens.html", {"tokens": items, "new_key": new_key})


@require_POST
@signed_in_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    request.user.api_tokens.filter(pk=pk).update(revoked=True)  # type: ignore[union-attr]
    messages.success(request, _("The token was revoked."))
    return redirect("base:tokens")
