from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cablewatch.base.errors import DomainError
from cablewatch.base.models import Division
from cablewatch.base.models.regions import in_scope
from cablewatch.registry.models import Certificate, Enterprise
from cablewatch.registry.validators import clean_credit_code


class DivisionChoiceField(forms.ModelChoiceField[Division]):
    def label_from_instance(self, obj: Division) -> str:
        return f"{obj.code} {obj.display_name}"


class EnterpriseForm(forms.ModelForm):  # type: ignore[type-arg]
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=255,
        help_text=_("Recorded in the audit trail."),
    )

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "credit_code",
            "kind",
            "address",
            "division",
            "status",
            "legal_representative",
        ]
        field_classes = {"division": DivisionChoiceField}

    def __init__(self, *args: Any, division_scope: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        divisions = Division.objects.all()
        if division_scope:
            divisions = divisions.filter(in_scope("code", division_scope))
        self.fields["division"].queryset = divisions  # type: ignore[attr-defined]
        self.fields["credit_code"].help_text = _(
            "18 characters (GB 32100-2015); the last one is a check character."
        )

    def clean_credit_code(self) -> str | None:
        raw = self.cleaned_data.get("credit_code") or ""
        if not raw.strip():
            return None
        try:
            return clean_credit_code(raw)
        except DomainError as exc:
            raise forms.ValidationError(exc.message, code="credit_code") from None

    def validate_unique(self) -> None:
        # Uniqueness is checked by the service, which reports it on the field.
        pass


class CertificateForm(forms.Form):
    """Not a ModelForm: the service checks dates and uniqueness and names the field."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Certificate.Kind.choices)
    number = forms.CharField(label=_("Number"), max_length=64)
    product_scope = forms.CharField(label=_("Product scope"), max_length=255)
    issued_on = forms.DateField(
        label=_("Issued on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    issuer = forms.CharField(label=_("Issuer"), max_length=128)


class CertificateStatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Certificate.Status.choices)
    changed_on = forms.DateField(
        label=_("Date of change"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason"), max_length=255)


class ProductForm(forms.Form):
    designation = forms.CharField(
        label=_("Model designation"),
        max_length=128,
        help_text=_("As written on the product, e.g. ZC-YJV22-0.6/1kV 4×95+1×50"),
    )
    brand = forms.CharField(label=_("Brand"), max_length=64, required=False)


def apply_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal on the field it names (or on the whole form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
