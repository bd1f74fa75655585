from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "cw_"  # noqa: S105 (a marker that makes leaked tokens greppable, not a secret)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token for one user; only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=64)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=8, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    expires = models.DateTimeField(_("expires"), null=True)
    # The user's session hash when the token was made: it changes with the password, so a
    # password change ends every token however the password was changed (page, admin, CLI).
    password_stamp = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user: Any, name: str) -> tuple[ApiToken, str]:
        """Create a token and return it with the raw key, which is shown only once.

        Not audited: call cablewatch.base.services.issue_token, which is."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            key_hash=hash_token(raw),
            hint=raw[3:9],
            expires=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
            password_stamp=user.get_session_auth_hash(),
        )
        return token, raw

    def is_valid_for(self, user: Any) -> bool:
        """Not revoked, not expired, and the user's password unchanged since it was made."""
        if self.revoked or self.expires is None or self.expires <= timezone.now():
            return False
        return constant_time_compare(self.password_stamp, user.get_session_auth_hash())
