from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from cablewatch.base.models import ApiToken
from cablewatch.base.models.tokens import hash_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cw_...`: the token acts as its user, with the same scope."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user", "user__agency__division")
            .filter(key_hash=hash_token(token), revoked=False, user__is_active=True)
            .first()
        )
        if found is None or not found.is_valid_for(found.user):
            return None
        now = timezone.now()
        if found.last_used is None or now - found.last_used > timedelta(minutes=5):
            ApiToken.objects.filter(pk=found.pk).update(last_used=now)
        request.user = found.user
        return found.user


class SessionUserAuth(SessionAuth):
    """The browser's session (with CSRF), so the pages' own scripts can call the API."""


AUTH = [TokenAuth(), SessionUserAuth()]
