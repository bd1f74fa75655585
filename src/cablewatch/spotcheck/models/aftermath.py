from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Retest(models.Model):
    """The enterprise's application for a re-test of disputed items on the backup sample."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the re-test lab")
        DONE = "done", _("Re-tested")

    sample = models.OneToOneField(
        "spotcheck.Sample", on_delete=models.PROTECT, related_name="retest"
    )
    items = models.JSONField(_("disputed items"))
    reason = models.CharField(_("grounds"), max_length=500)
    lab = models.ForeignKey("base.Agency", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey("base.User", on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("requested on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )

    def __str__(self) -> str:
        return f"retest {self.sample_id}"


class Rectification(models.Model):
    """Follow-up of a nonconforming result: deadline, the enterprise's report, re-check."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting rectification report")
        FILED = "filed", _("Report filed, re-check due")
        RECHECKED = "rechecked", _("Re-checked")

    sample = models.OneToOneField(
        "spotcheck.Sample", on_delete=models.PROTECT, related_name="rectification"
    )
    due_on = models.DateField(_("rectification due"))
    recheck_by = models.DateField(_("re-check due"))
    report_text = models.TextField(_("rectification report"), blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    recheck_on = models.DateField(_("re-check scheduled"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default="open")

    def __str__(self) -> str:
        return f"rectification {self.sample_id}"
