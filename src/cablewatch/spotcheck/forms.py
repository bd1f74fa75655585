from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cablewatch.base.errors import DomainError, FieldsError
from cablewatch.base.models import Agency, Division
from cablewatch.base.models.regions import in_scope
from cablewatch.base.vocabulary import label
from cablewatch.spotcheck.models import DrawTask, NotSampled, Plan, Sample
from cablewatch.spotcheck.services import plans, sampling
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
            "year": forms.NumberInput(attrs={"min": plans.FIRST_YEAR, "step": 1}),
            "batches": forms.NumberInput(attrs={"min": 1, "step": 1}),
        }

    def __init__(self, *args: Any, division_scope: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        divisions = Division.objects.exclude(level=Division.Level.COUNTY)
        if division_scope:
            divisions = divisions.filter(in_scope("code", division_scope))
        self.fields["division"].queryset = divisions  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["labs"] = list(self.instance.labs.values_list("pk", flat=True))

    def clean(self) -> dict[str, Any]:
        """The service's rules (`plan_problems`), every one beside its field."""
        cleaned = super().clean() or {}
        labs = list(cleaned.get("labs") or [])
        add_problems(self, plans.plan_problems(cleaned, labs))
        return cleaned


class PublishForm(forms.Form):
    public_value = forms.CharField(
        label=_("Public value"),
        max_length=255,
        help_text=_(
            "A value published before the draw that nobody controls, e.g. an index's "
            "closing price; the seed is its SHA-256."
        ),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def add_problems(form: forms.BaseForm, problems: dict[str, list[str]]) -> None:
    """The service's problems beside their fields; a field whose input did not even
    parse keeps the parser's message alone."""
    for field, messages in problems.items():
        target = field if field in form.fields else None
        if target is not None and target in form.errors:
            continue
        for message in messages:
            form.add_error(target, message)


class SampleForm(forms.ModelForm):  # type: ignore[type-arg]
    """The fields of the record; the rules are the service's (`sample_problems`)."""

    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        help_text=_("JPEG, PNG or WebP images of the product, its marking and the seals."),
    )

    class Meta:
        model = Sample
        fields = list(SAMPLE_FIELDS)
        field_classes = {"sampled_division": DivisionChoiceField}
        widgets = {
            "sampled_at": LOCAL_DATETIME,
            "production_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "quantity_value": forms.NumberInput(attrs={"min": "0.01", "step": "any"}),
            "backup_quantity": forms.NumberInput(attrs={"min": "0.01", "step": "any"}),
        }

    def __init__(self, *args: Any, task: DrawTask, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.task = task
        kinds = list(task.plan.site_kinds or [])
        # The page offers the plan's site kinds only; any other kind that arrives is
        # refused by the service with its reason (not as an unknown choice).
        self.fields["site_kind"].widget.choices = [
            ("", "---------"),
            *[(k, label) for k, label in Sample.SiteKind.choices if not kinds or k in kinds],
        ]
        for name in ("quantity_value", "backup_quantity", "seal_number", "backup_seal_number"):
            self.fields[name].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        photos = cleaned.get("photos") or []
        add_problems(self, sampling.sample_problems(self.task, cleaned, photos))
        return cleaned


class NotSampledForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = NotSampled
        fields = list(sampling.NOT_SAMPLED_FIELDS)
        widgets = {
            "occurred_at": LOCAL_DATETIME,
            "details": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, task: DrawTask, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.task = task

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        add_problems(self, sampling.not_sampled_problems(self.task, cleaned))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class RetestForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("Disputed items"), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label=_("Grounds"), max_length=500, widget=forms.Textarea)

    def __init__(self, *args: Any, items: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [  # type: ignore[attr-defined]
            (i, label("item", i)) for i in items
        ]


class RectificationForm(forms.Form):
    text = forms.CharField(label=_("Rectification report"), widget=forms.Textarea)


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Report PDF"))


def apply_error(form: forms.BaseForm, field: str | None, message: str) -> None:
    form.add_error(field if field in form.fields else None, message)


def apply_domain_error(form: forms.BaseForm, exc: DomainError) -> None:
    """A service's refusal on the form: every field's problems when it names several."""
    if isinstance(exc, FieldsError):
        add_problems(form, exc.errors)
    else:
        apply_error(form, exc.field, exc.message)
