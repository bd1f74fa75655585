"""Where cable goes: parties, batches, movements between parties, the balance each party
holds, places in projects and what was installed there."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Capability

if TYPE_CHECKING:
    from cablewatch.base.models import User


def length_field(verbose_name: Any = None, **extra: Any) -> models.DecimalField[Any, Any]:
    """Metres to the millimetre, up to 10^11 m."""
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=3, **extra)


ZERO = Decimal("0")


class Party(models.Model):
    """Anyone who holds cable, named by the identifier the events used (a PGLN URN or
    any URI); optionally linked to a registered enterprise."""

    identifier = models.CharField(_("identifier"), max_length=255, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enterprise"),
    )

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.name or self.identifier


class BatchQuerySet(models.QuerySet["Batch"]):
    def for_user(self, user: User) -> BatchQuerySet:
        """Tracing staff see every batch (cable crosses regions); nobody else does."""
        if not user.is_authenticated or not user.can(Capability.TRACE):
            return self.none()
        return self


class Batch(models.Model):
    class_id = models.CharField(_("batch identifier"), max_length=255, unique=True)
    maker = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("manufacturer")
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("manufacturer (registry)"),
    )
    designation = models.CharField(_("designation"), max_length=120, blank=True)
    designation_raw = models.CharField(_("designation as written"), max_length=120, blank=True)
    family = models.CharField(_("product family"), max_length=40, blank=True)
    batch_number = models.CharField(_("batch number"), max_length=80, blank=True)
    production_date = models.DateField(_("production date"), null=True, blank=True)
    length_m = length_field(_("length (m)"))
    created = models.DateTimeField(auto_now_add=True)

    objects = BatchQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        indexes = [
            models.Index(
                fields=["enterprise", "designation", "production_date"], name="tr_batch_ent_des"
            ),
            models.Index(
                fields=["enterprise", "family", "production_date"], name="tr_batch_ent_fam"
            ),
            models.Index(fields=["batch_number"], name="tr_batch_number"),
        ]

    def __str__(self) -> str:
        return self.batch_number or self.class_id


class Location(models.Model):
    """A place cable is installed (the EPCIS bizLocation), optionally in a known project."""

    identifier = models.CharField(_("identifier"), max_length=255, unique=True)
    project = models.ForeignKey(
        "tracing.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("project"),
    )
    place = models.CharField(
        _("place (line, station, building, circuit)"), max_length=200, blank=True
    )

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.place or self.identifier


class Movement(models.Model):
    class Kind(models.TextChoices):
        COMMISSION = "commission", _("Made")
        SHIP = "ship", _("Shipped")
        INSTALL = "install", _("Installed")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="movements")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    from_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    length_m = length_field(_("length (m)"))
    moved_at = models.DateTimeField(_("date"))
    event_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    # The partner event: a receiving that confirms a shipping, or the other way round.
    confirm_event_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    by_receipt = models.BooleanField(default=False)

    class Meta:
        ordering = ["moved_at", "id"]
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        indexes = [
            models.Index(fields=["batch", "from_party"], name="tr_mv_batch_from"),
            models.Index(fields=["batch", "to_party"], name="tr_mv_batch_to"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.length_m} m"


class Holding(models.Model):
    """What a party holds of a batch now; kept in step with movements in one transaction."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="holdings")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="holdings")
    received_m = length_field(default=ZERO)
    balance_m = length_field(default=ZERO)

    class Meta:
        verbose_name = _("holding")
        verbose_name_plural = _("holdings")
        constraints = [
            models.UniqueConstraint(fields=["batch", "party"], name="tr_holding_once"),
            models.CheckConstraint(condition=models.Q(balance_m__gte=0), name="tr_holding_gte0"),
        ]
        indexes = [models.Index(fields=["party", "batch"], name="tr_holding_party")]

    def __str__(self) -> str:
        return f"{self.party_id}: {self.balance_m} m"


class InstallationQuerySet(models.QuerySet["Installation"]):
    def for_user(self, user: User) -> InstallationQuerySet:
        """As visible as its project (the project's region, or its owner); a place in no
        known project only to tracing staff, who see it in the batch's where-used anyway."""
        from cablewatch.tracing.models.projects import Project

        if not user.is_authenticated:
            return self.none()
        seen = models.Q(location__project__in=Project.objects.for_user(user))
        if user.can(Capability.TRACE):
            seen |= models.Q(location__project__isnull=True)
        return self.filter(seen)


class Installation(models.Model):
    class State(models.TextChoices):
        INSTALLED = "installed", _("Installed")
        REPLACED = "replaced", _("Replaced")
        VERIFIED = "verified", _("Replacement verified")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="installations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="installations")
    installer = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    movement = models.OneToOneField(Movement, on_delete=models.CASCADE, related_name="+")
    length_m = length_field(_("length (m)"))
    installed_at = models.DateTimeField(_("installed"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.INSTALLED
    )

    objects = InstallationQuerySet.as_manager()

    class Meta:
        ordering = ["location__identifier", "id"]
        verbose_name = _("installation")
        verbose_name_plural = _("installations")
        indexes = [models.Index(fields=["batch", "location"], name="tr_inst_batch")]

    def __str__(self) -> str:
        return f"{self.location_id}: {self.length_m} m"


class EpcisImport(models.Model):
    """One imported document: what was read, what was refused (the audit entry's target)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running or interrupted")
        COMPLETE = "complete", _("Complete")

    name = models.CharField(_("document"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.COMPLETE
    )
    events_read = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)  # new events only
    already = models.PositiveIntegerField(default=0)  # in before: a re-import
    rejected = models.PositiveIntegerField(default=0)
    next_index = models.PositiveIntegerField(default=0)  # events up to here are committed
    rejects = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("EPCIS import")
        verbose_name_plural = _("EPCIS imports")

    def __str__(self) -> str:
        return self.name or str(self.pk)
