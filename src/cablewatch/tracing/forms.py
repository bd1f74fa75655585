from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Division
from cablewatch.registry.models import Enterprise
from cablewatch.tracing.models import Project


class ImportForm(forms.Form):
    file = forms.FileField(label=_("EPCIS 2.0 JSON-LD or CSV file"))


class MovementForm(forms.Form):
    """One movement typed in by hand; it passes the same checks as an EPCIS event."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("commission", _("Made")), ("ship", _("Shipped")), ("install", _("Installed"))],
    )
    batch = forms.CharField(label=_("Batch identifier"), max_length=255)
    from_party = forms.CharField(label=_("From (party identifier)"), max_length=255)
    to_party = forms.CharField(label=_("To (party identifier)"), max_length=255, required=False)
    location = forms.CharField(label=_("Installation place"), max_length=255, required=False)
    length_m = forms.DecimalField(label=_("Length (m)"), min_value=0, decimal_places=3)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    designation = forms.CharField(label=_("Designation"), max_length=120, required=False)
    batch_number = forms.CharField(label=_("Batch number"), max_length=80, required=False)
    production_date = forms.DateField(
        label=_("Production date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def as_row(self) -> dict[str, str]:
        data = self.cleaned_data
        row = {k: "" if v is None else str(v) for k, v in data.items()}
        row["from"], row["to"] = row.pop("from_party"), row.pop("to_party")
        return row


class DivisionField(forms.ModelChoiceField[Division]):
    def label_from_instance(self, obj: Division) -> str:
        return f"{obj.code} {obj.display_name}"


class ProjectForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Project
        fields = ["name", "code", "kind", "owner", "location", "division"]
        field_classes = {"division": DivisionField}

    def __init__(self, *args: Any, divisions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = divisions  # type: ignore[attr-defined]
        owners = Enterprise.objects.filter(kind=Enterprise.Kind.PROJECT_OWNER)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class PlaceForm(forms.Form):
    identifier = forms.CharField(label=_("Location identifier"), max_length=255)
    place = forms.CharField(
        label=_("Place (line, station, building, circuit)"), max_length=200, required=False
    )
