"""Watch lists: follow makers and designations; an Atom feed by secret token, e-mail alerts."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class WatchList(models.Model):
    name = models.CharField(_("name"), max_length=100)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watch_lists",
    )
    email_alerts = models.BooleanField(_("e-mail me new results"), default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("watch list")
        verbose_name_plural = _("watch lists")

    def __str__(self) -> str:
        return self.name


class WatchItem(models.Model):
    class Kind(models.TextChoices):
        CREDIT_CODE = "credit_code", _("Credit code")
        NAME = "name", _("Enterprise name")
        DESIGNATION = "designation", _("Model designation")

    watch_list = models.ForeignKey(WatchList, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=200)
    key = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["watch_list", "kind", "key"], name="watch_item_once")
        ]
        verbose_name = _("watched item")
        verbose_name_plural = _("watched items")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"
