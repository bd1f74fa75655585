"""Helpers that every view uses to look up records through the user's scope."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from cablewatch.base.models import Role

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]


def get_for_user_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """One record from an already user-scoped queryset; 404 hides records out of scope."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def role_required(*roles: str) -> Callable[[View], View]:
    """Signed-in users holding one of `roles` (administrators pass too); others get 404.

    404 rather than 403 so that a page's existence is not confirmed to outsiders.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if roles and not user.has_role(*roles, Role.ADMIN):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Regulator-side roles that work with the registry (labs test blind and do not).
REGISTRY_ROLES = (Role.SUPERVISION, Role.INSPECTOR, Role.ENFORCEMENT, Role.CERTIFICATION)
registry_required = role_required(*REGISTRY_ROLES)
staff_required = role_required(
    *(r for r in Role.values if r not in {Role.ENTERPRISE, Role.PROJECT_OWNER})
)
signed_in_required = role_required()
