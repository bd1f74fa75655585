from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Role

if TYPE_CHECKING:
    from cablewatch.base.models import User


class SampleQuerySet(models.QuerySet["Sample"]):
    def for_user(self, user: User) -> SampleQuerySet:
        """Supervisors: their region; inspectors: their tasks; labs: their samples;
        enterprises: their own results once final."""
        if not user.is_authenticated:
            return self.none()
        q = Q(pk__in=[])
        if user.has_role(Role.SUPERVISION, Role.ADMIN, Role.ENFORCEMENT):
            q |= user.region_filter("plan_division_id")
        if user.has_role(Role.INSPECTOR):
            q |= Q(task__inspectors=user)
        if user.has_role(Role.ENTERPRISE) and user.enterprise_id:
            q |= Q(enterprise_id=user.enterprise_id, final=True)
        return self.filter(q).distinct() if user.has_role(Role.INSPECTOR) else self.filter(q)

    def for_lab(self, user: User) -> SampleQuerySet:
        """What a lab user may work on: samples sent to their lab (first test or re-test)."""
        if not user.is_authenticated or not user.agency_id:
            return self.none()
        if not user.has_role(Role.LAB_ANALYST, Role.LAB_REVIEWER):
            return self.none()
        return self.filter(Q(lab_id=user.agency_id) | Q(retest__lab_id=user.agency_id))


class QuantityUnit(models.TextChoices):
    METRE = "m", _("metres")
    COIL = "coil", _("coils")
    REEL = "reel", _("reels")
    LENGTH = "length", _("lengths")


class Sample(models.Model):
    class SiteKind(models.TextChoices):
        PRODUCTION = "production", _("Production site")
        MARKET = "market", _("Market")
        PROJECT = "project", _("Building project")

    class Status(models.TextChoices):
        SAMPLED = "sampled", _("Sampled, awaiting test")
        SUBMITTED = "submitted", _("Results awaiting review")
        FINAL = "final", _("Result final")
        RETEST = "retest", _("Re-test in progress")

    task = models.OneToOneField(
        "spotcheck.DrawTask", on_delete=models.PROTECT, related_name="sample"
    )
    plan_division_id = models.CharField(max_length=6, db_index=True, editable=False)
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.PROTECT, related_name="+"
    )
    lab = models.ForeignKey("base.Agency", on_delete=models.PROTECT, related_name="+")
    blind_code = models.CharField(_("blind code"), max_length=16, unique=True)
    site_kind = models.CharField(_("site"), max_length=16, choices=SiteKind.choices)
    sampled_unit_name = models.CharField(_("sampled unit"), max_length=200)
    sampled_unit_address = models.CharField(_("address"), max_length=255)
    sampled_division = models.ForeignKey(
        "base.Division", on_delete=models.PROTECT, related_name="+", verbose_name=_("division")
    )
    sampled_at = models.DateTimeField(_("sampled at"))
    designation = models.CharField(_("model designation"), max_length=128)
    product_family = models.CharField(_("product family"), max_length=32, blank=True)
    brand = models.CharField(_("brand"), max_length=64, blank=True)
    batch_number = models.CharField(_("batch number"), max_length=64)
    production_date = models.DateField(_("production date"), null=True, blank=True)
    quantity = models.CharField(_("quantity"), max_length=64)
    quantity_value = models.DecimalField(
        _("quantity sampled"), max_digits=10, decimal_places=2, null=True
    )
    quantity_unit = models.CharField(
        _("unit"), max_length=8, choices=QuantityUnit.choices, default=QuantityUnit.METRE
    )
    backup_quantity = models.DecimalField(
        _("backup sample quantity"), max_digits=10, decimal_places=2, null=True
    )
    seal_number = models.CharField(_("seal number"), max_length=64)
    backup_seal_number = models.CharField(_("backup sample seal number"), max_length=64)
    unit_confirmed = models.BooleanField(_("confirmed by the sampled unit"), default=False)
    recorded_by = models.ForeignKey("base.User", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SAMPLED
    )
    final = models.BooleanField(_("result final"), default=False)
    verdict = models.CharField(_("verdict"), max_length=16, blank=True)
    failed_items = models.JSONField(default=list)
    severity = models.CharField(_("severity"), max_length=16, blank=True)
    result_date = models.DateField(_("result date"), null=True, blank=True)
    notified_on = models.DateField(_("result notified on"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = SampleQuerySet.as_manager()

    class Meta:
        ordering = ["-sampled_at", "-pk"]
        # Newest first, then the region filter: a province is a large share of all rows,
        # so walking this index in order beats sorting the province's rows.
        indexes = [models.Index(fields=["-sampled_at", "-id"], name="sample_newest_first")]
        verbose_name = _("sample")
        verbose_name_plural = _("samples")

    def __str__(self) -> str:
        return self.blind_code


class NotSampled(models.Model):
    """A drawn task that could not be sampled, with its reason (the task is then closed).
    A refusal also opens an enforcement case (拒绝监督抽查)."""

    class Reason(models.TextChoices):
        CLOSED = "closed", _("Business closed down")
        CONVERTED = "converted", _("Switched to other products")
        DEREGISTERED = "deregistered", _("Deregistered")
        STOPPED = "stopped", _("Production stopped")
        EXPORT_ONLY = "export_only", _("Products for export only")
        BELOW_BASE = "below_base", _("Stock below the sampling base quantity")
        NO_STOCK = "no_stock", _("No product in stock")
        MOVED = "moved", _("Moved away, not found at the address")
        REFUSED = "refused", _("Refused the spot check")

    task = models.OneToOneField(
        "spotcheck.DrawTask", on_delete=models.PROTECT, related_name="not_sampled"
    )
    plan_division_id = models.CharField(max_length=6, db_index=True, editable=False)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    details = models.TextField(_("what the inspectors found"))
    occurred_at = models.DateTimeField(_("when"))
    recorded_by = models.ForeignKey("base.User", on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task not sampled")
        verbose_name_plural = _("tasks not sampled")

    def __str__(self) -> str:
        return f"{self.task_id}: {self.reason}"


class SamplePhoto(models.Model):
    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="spotcheck/photos/%Y/%m/")
    uploaded = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.image.name or ""
