from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultVersion(models.Model):
    """One version of a sample's measurements; every version is kept."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned to the analyst")
        SUPERSEDED = "superseded", _("Superseded")

    sample = models.ForeignKey("spotcheck.Sample", on_delete=models.PROTECT, related_name="results")
    version = models.PositiveIntegerField(_("version"))
    lab = models.ForeignKey("base.Agency", on_delete=models.PROTECT, related_name="+")
    retest = models.BooleanField(_("re-test"), default=False)
    measurements = models.JSONField(_("measurements"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    entered_by = models.ForeignKey("base.User", on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("entered at"))
    reviewed_by = models.ForeignKey(
        "base.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=255, blank=True)
    change_reason = models.CharField(_("reason for the change"), max_length=255, blank=True)
    verdict = models.JSONField(_("verdict"), null=True, blank=True)
    # Items the engine cannot judge (requirement not encoded), judged by the analyst:
    # {item: {"result": "pass"|"fail", "clause": ..., "reason": ...}}; the engine checks them.
    manual = models.JSONField(_("judged by hand"), default=dict, blank=True)

    class Meta:
        ordering = ["sample_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "version"], name="result_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.sample_id} v{self.version}"


class Report(models.Model):
    """An issued, signed test report; the PDF bytes are kept exactly as issued."""

    number = models.CharField(_("report number"), max_length=32, unique=True)
    sample = models.ForeignKey("spotcheck.Sample", on_delete=models.PROTECT, related_name="reports")
    result = models.OneToOneField(ResultVersion, on_delete=models.PROTECT, related_name="report")
    content = models.JSONField(_("content"))
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)
    key_id = models.CharField(max_length=16)
    signature = models.CharField(max_length=100)
    issued_on = models.DateField(_("issued on"))
    superseded = models.BooleanField(_("superseded by a re-test"), default=False)
    # SHA-256 of the verification code printed (only) in the PDF's QR code: whoever
    # holds the report sees its content on /verify/ before it is announced.
    code_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # The day an announcement with this result was published: from then on the
    # content is public on /verify/ without the code. Null: not yet announced.
    public_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number
