from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from cablewatch.base.models import Agency
from cablewatch.enforcement.models import Case, Evidence


def money_field(label: StrOrPromise) -> forms.DecimalField:
    return forms.DecimalField(label=label, min_value=0, max_digits=16, decimal_places=2)


class OpenCaseForm(forms.Form):
    credit_code = forms.CharField(label=_("Credit code of the party"), max_length=18)
    origin = forms.ChoiceField(
        label=_("Origin"), choices=[c for c in Case.Origin.choices if c[0] != "spotcheck"]
    )
    violation = forms.ChoiceField(label=_("Violation"), choices=Case.Violation.choices)
    summary = forms.CharField(label=_("Summary"), max_length=255)


class FiguresForm(forms.Form):
    violation = forms.ChoiceField(label=_("Violation"), choices=Case.Violation.choices)
    sold_value = money_field(_("Value of goods sold (yuan)"))
    unsold_value = money_field(_("Value of goods unsold (yuan)"))
    illegal_income = money_field(_("Illegal income (yuan)"))
    serious_consequences = forms.BooleanField(label=_("Serious consequences"), required=False)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=255)
    file = forms.FileField(label=_("File"), required=False)


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Party's statement or hearing"), widget=forms.Textarea)


class DecisionForm(forms.Form):
    fine = money_field(_("Fine (yuan)"))
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(
        label=_("Reason for a fine outside the range"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=255)


class CloseForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), max_length=255)


class FlagForm(forms.Form):
    basis = forms.CharField(label=_("Basis for the transfer"), max_length=255)


class TransferForm(forms.Form):
    police = forms.ModelChoiceField(
        label=_("Public security organ"), queryset=Agency.objects.filter(kind="police")
    )
    documents = forms.CharField(
        label=_("Documents sent"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Transfer letter, investigation report, list of items, test reports."),
    )


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Response"),
        choices=[
            (Case.Transfer.ACCEPTED.value, Case.Transfer.ACCEPTED.label),
            (Case.Transfer.REFUSED.value, Case.Transfer.REFUSED.label),
            (Case.Transfer.RETURNED.value, Case.Transfer.RETURNED.label),
        ],
    )
    note = forms.CharField(label=_("Police's reasons"), required=False, max_length=500)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reasons for not transferring"), max_length=500)
