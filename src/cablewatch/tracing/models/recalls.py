"""Recalls (应急预案): a nonconforming result, the places it reached, their progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Capability
from cablewatch.tracing.models.flow import length_field

if TYPE_CHECKING:
    from cablewatch.base.models import User


class RecallSourceQuerySet(models.QuerySet["RecallSource"]):
    def for_user(self, user: User) -> RecallSourceQuerySet:
        """Results of the user's region (by the enterprise's division), for staff."""
        if not user.is_authenticated or not user.is_staff_user:
            return self.none()
        return self.filter(user.region_filter("division_code"))


class RecallSource(models.Model):
    """A final nonconforming spot-check result, as the spotcheck app announced it."""

    report_number = models.CharField(_("report number"), max_length=80, unique=True)
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    enterprise_name = models.CharField(_("enterprise"), max_length=200, blank=True)
    credit_code = models.CharField(max_length=18, blank=True)
    designation = models.CharField(_("designation"), max_length=120, blank=True)
    family = models.CharField(max_length=40, blank=True)
    batch_number = models.CharField(_("batch number"), max_length=80, blank=True)
    production_date = models.DateField(_("production date"), null=True, blank=True)
    division_code = models.CharField(max_length=6, blank=True)
    payload = models.JSONField(default=dict)
    received = models.DateTimeField(auto_now_add=True)

    objects = RecallSourceQuerySet.as_manager()

    class Meta:
        ordering = ["-received"]
        verbose_name = _("nonconforming result")
        verbose_name_plural = _("nonconforming results")

    def __str__(self) -> str:
        return self.report_number


class RecallQuerySet(models.QuerySet["Recall"]):
    def for_user(self, user: User) -> RecallQuerySet:
        if not user.is_authenticated or not user.is_staff_user:
            return self.none()
        return self.filter(user.region_filter("division_id"))


class Recall(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    source = models.ForeignKey(RecallSource, on_delete=models.PROTECT, related_name="recalls")
    division = models.ForeignKey("base.Division", on_delete=models.PROTECT, related_name="+")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    batches = models.ManyToManyField("tracing.Batch", related_name="recalls")

    objects = RecallQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("recall")
        verbose_name_plural = _("recalls")

    def __str__(self) -> str:
        return f"{self.source.report_number} #{self.pk}"


class RecallItemQuerySet(models.QuerySet["RecallItem"]):
    def for_user(self, user: User) -> RecallItemQuerySet:
        """Officers who plan or enforce: items of recalls in their region; other staff none;
        others: their projects' items and what their enterprise holds."""
        from cablewatch.tracing.models.projects import Project

        if not user.is_authenticated:
            return self.none()
        if user.is_staff_user:
            if not user.can(Capability.PLAN, Capability.ENFORCE):
                return self.none()
            return self.filter(recall__in=Recall.objects.for_user(user))
        return self.filter(
            models.Q(project__in=Project.objects.for_user(user))
            | models.Q(holding_party__enterprise_id=user.enterprise_id or -1)
        )


class RecallItem(models.Model):
    """One place to act on: an installation to replace, or a holder to stop selling."""

    class Status(models.TextChoices):
        NOTIFIED = "notified", _("Notified")
        STOPPED = "stopped", _("Sales stopped")
        REPLACED = "replaced", _("Replaced")
        VERIFIED = "verified", _("Replacement verified")

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="items")
    installation = models.ForeignKey(
        "tracing.Installation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    holding_party = models.ForeignKey(
        "tracing.Party", on_delete=models.PROTECT, null=True, related_name="+"
    )
    project = models.ForeignKey(
        "tracing.Project", on_delete=models.PROTECT, null=True, related_name="+"
    )
    division_code = models.CharField(max_length=6, blank=True)
    length_m = length_field()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NOTIFIED)
    updated = models.DateTimeField(auto_now=True)

    objects = RecallItemQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.recall_id}/{self.pk}"


class Notification(models.Model):
    """A notice for an enterprise's users (a recall reaching their project or stock).
    Stored by kind, worded when shown, so each reader gets it in their language."""

    class Kind(models.TextChoices):
        REPLACE = "replace", _("Installed in your projects")
        STOP_SALE = "stop_sale", _("Held in your stock")

    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.CASCADE, related_name="+"
    )
    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, null=True, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    report_number = models.CharField(max_length=80)
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["enterprise", "-created"], name="tr_notice_ent")]

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        if self.kind == self.Kind.REPLACE:
            text = gettext(
                "Cable found nonconforming (report %(report)s) is installed in your projects: "
                "plan its replacement."
            )
        else:
            text = gettext(
                "You hold cable found nonconforming (report %(report)s): stop selling it at once."
            )
        return text % {"report": self.report_number}
