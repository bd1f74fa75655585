from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Agency
from cablewatch.portal.importer.readers import LIMITS, MB, SUFFIXES
from cablewatch.portal.models import PublishedResult, Verdict


class SearchForm(forms.Form):
    """The public search: every field optional, all combined with AND."""

    q = forms.CharField(label=_("Enterprise name or credit code"), required=False, max_length=200)
    family = forms.CharField(label=_("Product family"), required=False, max_length=32)
    designation = forms.CharField(label=_("Model designation"), required=False, max_length=200)
    region = forms.RegexField(
        label=_("Region code"), regex=r"^\d{2,6}$", required=False, max_length=6
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    verdict = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", _("Any result")), *Verdict.choices]
    )
    source = forms.ChoiceField(
        label=_("Source"),
        required=False,
        choices=[("", _("Any source")), *PublishedResult.Source.choices],
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Announcement file (xlsx, xls, csv or html)"))
    agency = forms.ModelChoiceField(
        label=_("Published by"),
        queryset=Agency.objects.none(),
        empty_label=_("Choose the agency"),
        help_text=_("The agency whose announcement this is, from the agency list."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from cablewatch.portal.services.imports import source_agencies

        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = source_agencies()  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(_("Only xlsx, xls, csv and html files can be imported."))
        if upload.size > LIMITS.file_bytes:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": LIMITS.file_bytes // MB}
            )
        return upload


class ImportCheckForm(forms.Form):
    note = forms.CharField(label=_("Note (required to reject)"), required=False, max_length=500)
