"""Enforcement cases, their evidence and steps, and the failed samples the events reported."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from cablewatch.base.models import User


class CaseQuerySet(models.QuerySet["Case"]):
    def for_user(self, user: User) -> CaseQuerySet:
        if not user.is_authenticated or not user.is_staff_user:
            return self.none()
        return self.filter(user.region_filter("division_id"))

    def open(self) -> CaseQuerySet:
        return self.exclude(stage=Case.Stage.CLOSED)

    def overdue(self, today: dt.date | None = None) -> CaseQuerySet:
        return self.open().filter(stage_due__lt=today or timezone.localdate())


class Case(models.Model):
    class Origin(models.TextChoices):
        SPOTCHECK = "spotcheck", _("Failed spot check")
        COMPLAINT = "complaint", _("Complaint")
        TIPOFF = "tipoff", _("Tip-off")
        REFERRAL = "referral", _("Referral from another region")
        INSPECTION = "inspection", _("Inspection")
        REFUSAL = "refusal", _("Spot check refused")

    class Stage(models.TextChoices):
        FILING = "filing", _("Filing")
        INVESTIGATION = "investigation", _("Investigation")
        NOTICE = "notice", _("Notice of intended penalty")
        EXECUTION = "execution", _("Execution")
        CLOSED = "closed", _("Closed")

    class Transfer(models.TextChoices):
        NONE = "none", _("Not flagged")
        FLAGGED = "flagged", _("Flagged for transfer")
        TRANSFERRED = "transferred", _("Transferred to the police")
        ACCEPTED = "accepted", _("Accepted by the police")
        REFUSED = "refused", _("Refused by the police")
        RETURNED = "returned", _("Returned by the police")
        DECLINED = "declined", _("Transfer not approved")

    UNRESOLVED = (Transfer.FLAGGED, Transfer.TRANSFERRED)

    class Violation(models.TextChoices):
        UNSAFE = "unsafe_product", _("Product below safety standards (PQL Art. 49)")
        ADULTERATION = "adulteration", _("Adulteration or nonconforming as conforming (Art. 50)")
        NO_CERT = "no_certification", _("Sold without compulsory certification")
        REFUSED = "refused_inspection", _("Refused a lawful quality inspection (PQL Art. 56)")

    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    division = models.ForeignKey(
        "base.Division", on_delete=models.PROTECT, related_name="+", verbose_name=_("division")
    )
    agency = models.ForeignKey(
        "base.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enforcement department"),
    )
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices)
    origin_ref = models.CharField(_("origin reference"), max_length=64, blank=True)
    summary = models.CharField(_("summary"), max_length=255)
    violation = models.CharField(_("violation"), max_length=32, choices=Violation.choices)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    stage_due = models.DateField(_("current step due"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"))
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    notice_on = models.DateField(_("notice served on"), null=True, blank=True)
    statement = models.TextField(_("party's statement or hearing"), blank=True)
    sold_value = models.DecimalField(
        _("value of goods sold"), default=0, max_digits=16, decimal_places=2
    )
    unsold_value = models.DecimalField(
        _("value of goods unsold"), default=0, max_digits=16, decimal_places=2
    )
    illegal_income = models.DecimalField(
        _("illegal income"), default=0, max_digits=16, decimal_places=2
    )
    serious_consequences = models.BooleanField(_("serious consequences"), default=False)
    fine = models.DecimalField(_("fine"), null=True, blank=True, max_digits=16, decimal_places=2)
    fine_reason = models.TextField(_("reason for a fine outside the range"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)
    transfer = models.CharField(
        _("transfer"), max_length=16, choices=Transfer.choices, default=Transfer.NONE
    )
    transfer_basis = models.CharField(_("transfer basis"), max_length=255, blank=True)
    transfer_due = models.DateField(_("transfer step due"), null=True, blank=True)
    police = models.ForeignKey(
        "base.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("public security organ"),
    )
    transferred_on = models.DateField(_("transferred on"), null=True, blank=True)
    transfer_documents = models.TextField(_("transfer documents"), blank=True)
    transfer_note = models.TextField(_("police response"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "origin_ref"],
                condition=models.Q(origin="spotcheck"),
                name="one_case_per_failed_sample",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.summary}"

    @property
    def number(self) -> str:
        return f"{self.opened_on:%Y}-{self.pk:05d}"

    @property
    def is_overdue(self) -> bool:
        return self.stage != self.Stage.CLOSED and bool(
            self.stage_due and self.stage_due < timezone.localdate()
        )

    @property
    def transfer_overdue(self) -> bool:
        return self.transfer in self.UNRESOLVED and bool(
            self.transfer_due and self.transfer_due < timezone.localdate()
        )

    @property
    def transfer_unresolved(self) -> bool:
        return self.transfer in self.UNRESOLVED


class Evidence(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        PHOTO = "photo", _("Photo")
        FIGURE = "figure", _("Figure (goods value, sales, income)")
        TEST_REPORT = "test_report", _("Test report")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=255)
    file = models.FileField(_("file"), upload_to="evidence/%Y/", blank=True)
    recorded = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)

    class Meta:
        ordering = ["recorded", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.description


class FailedSample(models.Model):
    """What a `spotcheck.result.final` event with a failing verdict told us."""

    sample_id = models.CharField(max_length=64, unique=True)
    report_number = models.CharField(_("report number"), max_length=64, blank=True)
    enterprise_id = models.BigIntegerField(db_index=True, null=True)
    enterprise_name = models.CharField(_("enterprise"), max_length=200, blank=True)
    credit_code = models.CharField(max_length=18, blank=True, db_index=True)
    designation = models.CharField(_("designation"), max_length=128, blank=True)
    failed_items = models.JSONField(_("failed items"), default=list)
    severity = models.CharField(_("severity"), max_length=16, blank=True)
    result_date = models.DateField(_("result date"), null=True)
    payload = models.JSONField(default=dict)

    class Meta:
        ordering = ["-result_date", "-pk"]

    def __str__(self) -> str:
        return self.report_number or self.sample_id
