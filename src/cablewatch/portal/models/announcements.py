"""Announcements made on this platform, and the pending candidates they draw from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cablewatch.portal.models.results import ResultColumns

if TYPE_CHECKING:
    from cablewatch.base.models import User


class DisclosureCandidate(ResultColumns):
    """A final spot-check result waiting to be announced (denormalised from the event)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ANNOUNCED = "announced", _("Announced")

    sample_id = models.CharField(_("sample"), max_length=64, db_index=True)
    report_number = models.CharField(_("report number"), max_length=64, blank=True)
    plan_division = models.CharField(_("plan region"), max_length=6, db_index=True)
    retest = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    announcement = models.ForeignKey(
        "portal.Announcement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
    )
    enterprise_id_ref = models.BigIntegerField(null=True, blank=True)
    plan_ref = models.BigIntegerField(_("plan"), null=True, blank=True, db_index=True)
    plan_name = models.CharField(_("plan"), max_length=200, blank=True)
    # The last day the enterprise may apply for a re-test (null: none can be), and
    # whether it did: such a result is not announced until the re-test's result is final.
    retest_deadline = models.DateField(_("re-test deadline"), null=True, blank=True)
    retest_pending = models.BooleanField(_("re-test applied for"), default=False)
    received = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received", "pk"]
        verbose_name = _("disclosure candidate")
        verbose_name_plural = _("disclosure candidates")

    def __str__(self) -> str:
        return f"{self.report_number or self.sample_id} {self.enterprise_name}"


class AnnouncementQuerySet(models.QuerySet["Announcement"]):
    def for_user(self, user: User) -> AnnouncementQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(user.region_filter("division_id"))

    def public(self) -> AnnouncementQuerySet:
        return self.filter(status__in=["published", "superseded"])


class Announcement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved, waiting for its disclosure date")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded by a correction")

    number = models.CharField(_("number"), max_length=64)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    division = models.ForeignKey(
        "base.Division", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    disclosure_date = models.DateField(_("disclosure date"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.JSONField(_("summary"), default=dict)
    correction_note = models.TextField(_("what was corrected"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("corrects"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-disclosure_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number", "version"], name="announcement_version")
        ]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        suffix = f" (v{self.version})" if self.version > 1 else ""
        return f"{self.number}{suffix} {self.title}"

    @property
    def is_public(self) -> bool:
        return self.status in {self.Status.PUBLISHED, self.Status.SUPERSEDED}


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    READING = "reading", _("reading the file")
    WRITING = "writing", _("writing rows")
    DONE = "done", _("done")
    FAILED = "failed", _("not imported")


class ImportRunQuerySet(models.QuerySet["ImportRun"]):
    def for_user(self, user: User) -> ImportRunQuerySet:
        """One's own import runs (their rejects name the rows one uploaded)."""
        return self.filter(actor_id=user.pk) if user.is_authenticated else self.none()


class ImportRun(models.Model):
    """One announcement file of another agency: staged with its counts (nothing public),
    checked by a second officer, then published (its rows imported). The file is kept."""

    class Status(models.TextChoices):
        STAGED = "staged", _("Staged, awaiting a second officer")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PUBLISHED
    )
    agency = models.ForeignKey(
        "base.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    original = models.BinaryField(_("original file"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    review_note = models.CharField(_("note"), max_length=500, blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    source_label = models.CharField(_("published by"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=6, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    counts = models.JSONField(default=dict)
    created_enterprises = models.JSONField(default=list)
    rejects_csv = models.TextField(blank=True)
    started = models.DateTimeField(auto_now_add=True)
    # Where the reading and writing of the file stands (the progress page), apart from
    # `status`, where the second officer's check stands.
    progress = models.CharField(
        _("progress"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.DONE
    )
    rows_total = models.PositiveIntegerField(default=0)  # rows to write, known once read
    rows_done = models.PositiveIntegerField(default=0)  # rows written (committed) so far
    error = models.TextField(blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    upload = models.CharField(max_length=255, blank=True)  # the stored upload, until imported

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started"]
        verbose_name = _("announcement import")
        verbose_name_plural = _("announcement imports")

    def __str__(self) -> str:
        return self.file_name
