from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Agency, Division
from cablewatch.base.models.regions import in_scope
from cablewatch.spotcheck.models import Plan, Sample
from cablewatch.spotcheck.services.sampling import SAMPLE_FIELDS

FAMILIES = ["BV", "BVR", "RV", "RVV", "YJV", "YJLV", "YJY", "BYJ", "KVV", "JKLYJ"]


class DivisionChoiceField(forms.ModelChoiceField[Division]):
    def label_from_instance(self, obj: Division) -> str:
        return f"{obj.code} {obj.display_name}"


class PlanForm(forms.ModelForm):  # type: ignore[type-arg]
    families = forms.MultipleChoiceField(
        label=_("Product families"),
        choices=[(f, f) for f in FAMILIES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every manufacturer of the division."),
    )
    site_kinds = forms.MultipleChoiceField(
        label=_("Where to sample"),
        choices=Sample.SiteKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    labs = forms.ModelMultipleChoiceField(
        label=_("Labs"),
        queryset=Agency.objects.filter(kind=Agency.Kind.LAB, active=True),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Plan
        fields = [
            "name",
            "division",
            "year",
            "families",
            "site_kinds",
            "batches",
            "labs",
            "sample_by",
            "test_by",
            "exclude_home_district",
        ]
        field_classes = {"division": DivisionChoiceField}
        widgets = {
            "sample_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "test_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, division_scope: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        divisions = Division.objects.exclude(level=Division.Level.COUNTY)
        if division_scope:
            divisions = divisions.filter(in_scope("code", division_scope))
        self.fields["division"].queryset = divisions  # type: ignore[attr-defined]


class PublishForm(forms.Form):
    public_value = forms.CharField(
        label=_("Public value"),
        max_length=255,
        help_text=_(
            "A value published before the draw that nobody controls, e.g. an index's "
            "closing price; the seed is its SHA-256."
        ),
    )


class SampleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Sample
        fields = list(SAMPLE_FIELDS)
        field_classes = {"sampled_division": DivisionChoiceField}
        widgets = {
            "sampled_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "production_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class RetestForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("Disputed items"), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label=_("Grounds"), max_length=500, widget=forms.Textarea)

    def __init__(self, *args: Any, items: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(i, i) for i in items]  # type: ignore[attr-defined]


class RectificationForm(forms.Form):
    text = forms.CharField(label=_("Rectification report"), widget=forms.Textarea)


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Report PDF"))


def apply_error(form: forms.BaseForm, field: str | None, message: str) -> None:
    form.add_error(field if field in form.fields else None, message)
