"""The public record: every published result, from our own announcements or imported."""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cablewatch.lib.textnorm import clean_text, normalise_name


class Verdict(models.TextChoices):
    PASS = "pass", _("Conforming")
    FAIL = "fail", _("Nonconforming")


class ResultColumns(models.Model):
    """The standard announcement columns, shared by candidates and published rows."""

    product_name = models.CharField(_("product name"), max_length=200)
    enterprise_name = models.CharField(_("nominal manufacturer"), max_length=200)
    enterprise_address = models.CharField(_("manufacturer address"), max_length=255, blank=True)
    sampled_unit_name = models.CharField(_("sampled unit"), max_length=200, blank=True)
    sampled_unit_location = models.CharField(
        _("location of the sampled unit"), max_length=255, blank=True
    )
    designation = models.CharField(_("model designation"), max_length=200, blank=True)
    brand = models.CharField(_("brand"), max_length=100, blank=True)
    batch = models.CharField(_("production date or batch"), max_length=100, blank=True)
    verdict = models.CharField(_("result"), max_length=8, choices=Verdict.choices)
    failed_items = models.CharField(_("nonconforming items"), max_length=500, blank=True)
    lab_name = models.CharField(_("testing body"), max_length=200, blank=True)
    credit_code = models.CharField(_("credit code"), max_length=18, blank=True, db_index=True)
    product_family = models.CharField(_("product family"), max_length=32, blank=True)
    division_code = models.CharField(_("region"), max_length=6, blank=True)
    result_date = models.DateField(_("result date"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def failed_list(self) -> list[str]:
        return [i for i in self.failed_items.split("、") if i]


class PublishedResultQuerySet(models.QuerySet["PublishedResult"]):
    def current(self) -> PublishedResultQuerySet:
        return self.filter(superseded=False)

    def search_name(self, text: str) -> PublishedResultQuerySet:
        """Part of the current or a former name (any spelling), or a credit code."""
        from cablewatch.registry.models.enterprises import enterprises_formerly_named

        key = normalise_name(text)
        if not key:
            return self
        cond = Q(enterprise_key__contains=key)
        former = enterprises_formerly_named(key)
        if former:
            cond |= Q(enterprise_id__in=former)
        code = "".join(text.split()).upper()
        if code.isascii() and code.isalnum() and len(code) >= 6:
            cond |= Q(credit_code__startswith=code) | Q(enterprise__credit_code__startswith=code)
        return self.filter(cond)


class PublishedResult(ResultColumns):
    """One row of a published announcement. Never edited: a correction adds new rows
    (in a new announcement version) and marks these `superseded`."""

    class Source(models.TextChoices):
        PLATFORM = "platform", _("This platform")
        IMPORTED = "imported", _("Imported announcement")

    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_label = models.CharField(_("published by"), max_length=200, blank=True)
    source_file = models.CharField(_("source file"), max_length=255, blank=True)
    source_sheet = models.CharField(_("sheet or table"), max_length=100, blank=True)
    source_row = models.PositiveIntegerField(_("row number"), null=True, blank=True)
    row_key = models.CharField(max_length=40, unique=True, editable=False)
    import_run = models.ForeignKey(
        "portal.ImportRun", on_delete=models.PROTECT, null=True, blank=True, related_name="rows"
    )
    announcement = models.ForeignKey(
        "portal.Announcement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
    )
    seq = models.PositiveIntegerField(_("no."), default=0)
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_results",
    )
    enterprise_key = models.CharField(max_length=200, db_index=True, editable=False)
    designation_key = models.CharField(max_length=200, db_index=True, editable=False)
    designation_unparsed = models.BooleanField(_("designation not understood"), default=False)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    superseded = models.BooleanField(_("superseded by a correction"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = PublishedResultQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        indexes = [
            models.Index(fields=["division_code"], name="portal_pr_division"),
            models.Index(fields=["year", "verdict"], name="portal_pr_year_verdict"),
            models.Index(fields=["product_family"], name="portal_pr_family"),
            models.Index(fields=["enterprise", "year"], name="portal_pr_enterprise_year"),
            models.Index(fields=["-published_on", "-id"], name="portal_pr_published"),
        ]
        verbose_name = _("published result")
        verbose_name_plural = _("published results")

    def __str__(self) -> str:
        return f"{self.enterprise_name} {self.designation or self.product_name}"

    def fill_keys(self) -> None:
        self.enterprise_key = normalise_name(self.enterprise_name)[:200]
        self.designation_key = designation_key(self.designation)


_DESIGNATION_NOISE = re.compile(r"[\s\-—_]|MM²|MM2")


def designation_key(text: str) -> str:
    """Comparison form of a designation: upper case, no spaces, dashes or mm², × for x and *."""
    key = _DESIGNATION_NOISE.sub("", clean_text(text).upper())
    return key.replace("*", "×").replace("X", "×")[:200]
