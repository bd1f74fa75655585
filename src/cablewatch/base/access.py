"""Helpers that every view uses to look up records through the user's scope."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.db.models import Model, QuerySet
from django.db.models.manager import BaseManager
from django.http import Http404, HttpRequest, HttpResponse

from cablewatch.base.models import ROLE_CAPABILITIES, Capability, Role

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]


def get_for_user_or_404(
    user: Any,
    source: type[M] | BaseManager[M] | QuerySet[M],
    /,
    *,
    via: str = "for_user",
    **lookup: Any,
) -> M:
    """The one record matching `lookup` that `user` may see; 404 hides the rest.

    `source` is a model, its manager or a queryset of it (for select_related and the like). The
    scope is applied here, by the queryset's `via` method (`for_user`, or `for_lab` for
    blind lab work), so no view can hand in an unscoped queryset and forget it.
    """
    if isinstance(user, QuerySet):
        raise TypeError("get_for_user_or_404(user, model_or_queryset, **lookup): the user first")
    if isinstance(source, QuerySet):
        queryset = source
    elif isinstance(source, BaseManager):
        queryset = source.all()
    else:
        queryset = source._default_manager.all()
    scope = getattr(queryset, via, None)
    if scope is None:
        raise TypeError(f"{queryset.model.__name__} querysets have no {via}(user)")
    obj = scope(user).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj  # type: ignore[no-any-return]


def _signed_in_and(allowed: Callable[[Any], bool]) -> Callable[[View], View]:
    """Signed-in users for whom `allowed(user)` holds; others get 404 (anonymous: sign in).

    404 rather than 403 so that a page's existence is not confirmed to outsiders.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def role_required(*roles: str) -> Callable[[View], View]:
    """Users holding one of `roles` (administrators pass too)."""
    return _signed_in_and(lambda user: not roles or user.has_role(*roles, Role.ADMIN))


def capability_required(*capabilities: str) -> Callable[[View], View]:
    """Users whose roles give one of `capabilities` (see ROLE_CAPABILITIES)."""
    return _signed_in_and(lambda user: user.can(*capabilities))


# Regulator-side roles that work with the registry (labs test blind and do not).
REGISTRY_ROLES = tuple(
    r for r, caps in ROLE_CAPABILITIES.items() if Capability.USE_REGISTRY in caps
)
registry_required = capability_required(Capability.USE_REGISTRY)
# Pages with enterprise data (tracing, inboxes): regulator staff, never the labs.
staff_required = capability_required(Capability.SEE_ENTERPRISES)
signed_in_required = role_required()
