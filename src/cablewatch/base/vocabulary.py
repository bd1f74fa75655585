"""The one source of the words users read for internal values, in both languages.

`label(kind, value)` turns a stored key (an item of the standards engine, a verdict, a
status, a site kind, an audit action, a lab code …) into the user's words in the active
language (or `lang`). Item names come from the engine's `LABELS`; enumerations of models
from their TextChoices; only what has no home elsewhere is written here. Templates use
`{% load vocabulary %}{{ value|label:"verdict" }}` and `{{ date|local_date }}`.

An unknown value is returned as it is (imported free text stays readable), except for
kinds whose values are always keys (actions), which fall back to a neutral phrase.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from django.apps import apps
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from cablewatch.standards.measurements import SHAPES
from cablewatch.standards.rules import LABELS as ITEM_LABELS
from cablewatch.standards.rules import MEASUREMENT_OF

# Names of the measurements a lab enters (an item's input may feed several items).
MEASUREMENT_LABELS: dict[str, StrOrPromise] = {
    "conductor_resistance": _("Conductor resistance (Ω/km)"),
    "insulation_thickness": _("Insulation thickness (mm)"),
    "sheath_thickness": _("Sheath thickness (mm)"),
    "overall_diameter": _("Overall diameter (mm)"),
    "insulation_tensile_strength": _("Insulation tensile strength before ageing (N/mm²)"),
    "insulation_elongation": _("Insulation elongation at break before ageing (%)"),
    "voltage_test": _("Voltage test"),
    "flame_test": _("Single-cable flame test"),
    "bunched_flame_test": _("Bunched-cable flame test"),
    "marking": _("Marking"),
    "smoke_density": _("Smoke density"),
    "halogen_acid": _("Halogen acid gas"),
    "fire_resistance": _("Fire resistance"),
    "insulation_tensile_strength_aged": _("Insulation tensile strength after ageing (N/mm²)"),
    "insulation_elongation_aged": _("Insulation elongation at break after ageing (%)"),
    "insulation_tensile_variation": _("Insulation tensile strength variation after ageing (%)"),
    "insulation_elongation_variation": _("Insulation elongation variation after ageing (%)"),
    "sheath_tensile_strength": _("Sheath tensile strength before ageing (N/mm²)"),
    "sheath_elongation": _("Sheath elongation at break before ageing (%)"),
    "sheath_tensile_strength_aged": _("Sheath tensile strength after ageing (N/mm²)"),
    "sheath_elongation_aged": _("Sheath elongation at break after ageing (%)"),
    "sheath_tensile_variation": _("Sheath tensile strength variation after ageing (%)"),
    "sheath_elongation_variation": _("Sheath elongation variation after ageing (%)"),
    "hot_set": _("Hot set (%)"),
    "insulation_shrinkage": _("Insulation shrinkage (%)"),
    "insulation_loss_of_mass": _("Insulation loss of mass (mg/cm²)"),
    "sheath_loss_of_mass": _("Sheath loss of mass (mg/cm²)"),
    "insulation_resistance": _("Insulation resistance at 70 °C (MΩ·km)"),
    "insulation_resistance_constant": _("Insulation resistance constant Ki (MΩ·km)"),
    "conductor_structure": _("Conductor structure"),
    "core_identification": _("Core identification"),
    "inner_covering_thickness": _("Inner covering thickness (mm)"),
    "armour_wire_diameter": _("Armour wire diameter (mm)"),
    "armour_tape_thickness": _("Armour tape thickness (mm)"),
}
PART_LABELS: dict[str, StrOrPromise] = {
    "value": "",
    "temperature_c": _("temperature at measurement (°C)"),
    "mean": _("mean"),
    "min": _("smallest reading"),
    "under_load": _("elongation under load"),
    "permanent": _("permanent elongation"),
    "wire_count": _("number of wires"),
    "wire_diameter": _("largest wire diameter (mm)"),
}


EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def is_english(lang: str | None = None) -> bool:
    return (lang or translation.get_language() or "").startswith("en")


def _lang_code(lang: str | None) -> str:
    return lang or translation.get_language() or "zh-hans"


# Verdicts of the engine for a whole sample, and results of one item.
VERDICTS: dict[str, StrOrPromise] = {
    "pass": _("Conforming"),
    "fail": _("Nonconforming"),
    "incomplete": _("Incomplete: items not tested"),
    "error": _("Could not be judged"),
}
RESULTS: dict[str, StrOrPromise] = {
    "pass": _("Conforming"),
    "fail": _("Nonconforming"),
    "not_tested": _("Not tested"),
    "not_encoded": _("Requirement not encoded"),
}
# The engine's grading is CableWatch's own scheme, not an official classification.
SEVERITIES: dict[str, StrOrPromise] = {
    "serious": _("Serious (CableWatch grading)"),
    "general": _("General (CableWatch grading)"),
}
BOOLEANS: dict[str, StrOrPromise] = {"True": _("Yes"), "False": _("No")}
# Measurements the lab enters (a measurement may feed several items, e.g. mean and min).
MEASUREMENT_PARTS: dict[str, StrOrPromise] = {
    "value": _("value"),
    "temperature_c": _("temperature at measurement (°C)"),
    "mean": _("mean"),
    "min": _("smallest reading"),
    "section_mm2": _("section (mm²)"),
}

# kind -> "app_label.Model.ChoicesClass" (or "module:Name") of the TextChoices that label it
CHOICES: dict[str, str] = {
    "site_kind": "spotcheck.Sample.SiteKind",
    "sample_status": "spotcheck.Sample.Status",
    "plan_status": "spotcheck.Plan.Status",
    "result_status": "spotcheck.ResultVersion.Status",
    "retest_status": "spotcheck.Retest.Status",
    "rectification_status": "spotcheck.Rectification.Status",
    "announcement_status": "portal.Announcement.Status",
    "candidate_status": "portal.DisclosureCandidate.Status",
    "source": "portal.PublishedResult.Source",
    "agency_kind": "base.Agency.Kind",
    "division_level": "base.Division.Level",
    "enterprise_status": "registry.Enterprise.Status",
    "enterprise_kind": "registry.Enterprise.Kind",
    "certificate_kind": "registry.Certificate.Kind",
    "certificate_status": "registry.Certificate.Status",
    "case_stage": "enforcement.Case.Stage",
    "case_origin": "enforcement.Case.Origin",
    "transfer": "enforcement.Case.Transfer",
    "violation": "enforcement.Case.Violation",
    "role": "cablewatch.base.models.users:Role",
}

# What the audit trail's action keys mean.
ACTIONS: dict[str, StrOrPromise] = {
    "spotcheck.plan.created": _("Plan created"),
    "spotcheck.plan.inputs_published": _("Seed and inputs published"),
    "spotcheck.plan.drawn": _("Draw made"),
    "spotcheck.task.inspector_replaced": _("Inspector replaced"),
    "spotcheck.sample.recorded": _("Sampling recorded"),
    "spotcheck.result.submitted": _("Results submitted for review"),
    "spotcheck.result.returned": _("Results returned to the analyst"),
    "spotcheck.result.approved": _("Results approved"),
    "spotcheck.result.final": _("Result became final"),
    "spotcheck.report.issued": _("Test report issued"),
    "spotcheck.report.made_public": _("Report made public (announcement published)"),
    "spotcheck.retest.requested": _("Re-test requested"),
    "spotcheck.rectification.filed": _("Rectification report filed"),
    "spotcheck.rectification.recheck_scheduled": _("Re-check scheduled"),
    "portal.announcement.generated": _("Announcement drafted"),
    "portal.announcement.approved": _("Announcement approved"),
    "portal.announcement.published": _("Announcement published"),
    "portal.announcement.correction_drafted": _("Correction drafted"),
    "portal.announcement.rescheduled": _("Disclosure date changed"),
    "portal.import.staged": _("Announcement import staged"),
    "portal.import.published": _("Imported announcement published"),
    "portal.import.rejected": _("Announcement import rejected"),
    "registry.enterprise.created": _("Enterprise registered"),
    "registry.enterprise.changed": _("Enterprise changed"),
    "registry.product.created": _("Product added"),
    "registry.certificate.created": _("Certificate added"),
    "registry.certificate.status_changed": _("Certificate status changed"),
    "enforcement.case.opened": _("Case opened"),
    "enforcement.case.filed": _("Case filed"),
    "enforcement.case.figures": _("Case figures recorded"),
    "enforcement.case.notice": _("Notice of intended penalty issued"),
    "enforcement.case.statement": _("Statement of the party recorded"),
    "enforcement.case.executed": _("Penalty executed"),
    "enforcement.case.closed": _("Case closed"),
    "enforcement.case.transferred": _("Case transferred to the police"),
    "enforcement.evidence.added": _("Evidence added"),
    "enforcement.penalty.decided": _("Penalty decided"),
    "enforcement.transfer.flagged": _("Flagged for transfer to the police"),
    "enforcement.transfer.declined": _("Transfer not approved"),
    "enforcement.transfer.response": _("Answer of the police recorded"),
    "sharing.notification.answered": _("Notification answered"),
    "tracing.recall.opened": _("Recall opened"),
    "tracing.recall.item_changed": _("Recall item changed"),
    "tracing.project.created": _("Project created"),
    "tracing.location.placed": _("Batch placed"),
    "tracing.epcis.imported": _("Traceability events imported"),
}

# Names that imported announcements (and older records) use for the engine's items.
ITEM_ALIASES: dict[str, str] = {
    "导体电阻": "conductor_resistance",
    "绝缘厚度": "insulation_thickness_mean",  # announcements list the mean as 绝缘厚度
    "护套厚度": "sheath_thickness_mean",
    "外径": "overall_diameter_mean",
    "绝缘抗张强度": "insulation_tensile_strength",
    "抗张强度": "insulation_tensile_strength",
    "绝缘断裂伸长率": "insulation_elongation",
    "断裂伸长率": "insulation_elongation",
    "单根阻燃": "flame_test",
    "燃烧试验": "flame_test",
    "单根垂直燃烧": "flame_test",
    "成束阻燃": "bunched_flame_test",
    "成束燃烧": "bunched_flame_test",
    "耐火": "fire_resistance",
    "标识": "marking",
    "电压": "voltage_test",
}
_BRACKETS = re.compile(r"[(（][^)）]*[)）]|\bat 20 °c\b")
_NOISE = re.compile(r"[\s_·,，.。:：]")
_SUFFIX = re.compile(r"(试验|性能|测试|test)$")


def _norm(text: str) -> str:
    """Comparison form: lower case, no brackets, spaces or a trailing 试验/性能/test."""
    return _SUFFIX.sub("", _NOISE.sub("", _BRACKETS.sub("", text.strip().lower())))


@cache
def _item_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for alias, key in ITEM_ALIASES.items():
        index[_norm(alias)] = key
    for key, (zh, en) in ITEM_LABELS.items():
        for name in (key, zh, en, key.replace("_", " ")):
            index[_norm(name)] = key
    return index


def item_key(text: str) -> str | None:
    """The engine's key for an item however it was written (key, Chinese, English, alias)."""
    if text in ITEM_LABELS:
        return text
    return _item_index().get(_norm(text)) if text.strip() else None


def item_label(value: str, lang: str | None = None) -> str:
    key = item_key(value)
    if key is None:
        if value in MEASUREMENT_LABELS:
            with translation.override(_lang_code(lang)):
                return str(MEASUREMENT_LABELS[value])
        return value
    zh, en = ITEM_LABELS[key]
    return en[:1].upper() + en[1:] if is_english(lang) else zh


# Units of the numbers the engine reads that it does not name itself (it checks Ω/km and mm).
# Units of the lone-number measurements (the engine's shapes name units only for objects).
EXTRA_UNITS = {
    **dict.fromkeys(
        (
            "insulation_tensile_strength",
            "insulation_tensile_strength_aged",
            "sheath_tensile_strength",
            "sheath_tensile_strength_aged",
        ),
        "N/mm²",
    ),
    **dict.fromkeys(
        (
            "insulation_elongation",
            "insulation_elongation_aged",
            "sheath_elongation",
            "sheath_elongation_aged",
            "insulation_tensile_variation",
            "insulation_elongation_variation",
            "sheath_tensile_variation",
            "sheath_elongation_variation",
            "insulation_shrinkage",
        ),
        "%",
    ),
    "insulation_loss_of_mass": "mg/cm²",
    "sheath_loss_of_mass": "mg/cm²",
    "insulation_resistance_constant": "MΩ·km",
    "armour_wire_diameter": "mm",
    "armour_tape_thickness": "mm",
}


def unit(key: str) -> str:
    """The unit of an item's or a measurement's number ('' for pass/fail items)."""
    measurement = MEASUREMENT_OF.get(key, (key, None))[0]
    shape = SHAPES.get(measurement)
    if shape is not None and shape.units:
        return shape.units[0]  # the engine's own unit (its first accepted spelling)
    return EXTRA_UNITS.get(measurement, "")


def with_unit(number: Any, key: str) -> str:
    """`7.28 Ω/km`: a measured value with its unit; pass/fail results in words."""
    if number is None or number == "":
        return "—"
    if isinstance(number, str) and number in RESULTS:
        return label("result", number)
    shown = f"{number:g}" if isinstance(number, float) else str(number)
    sign = unit(key)
    return f"{shown} {sign}" if sign else shown


def _measurement_label(value: str, lang: str | None) -> str | None:
    """An item's own name (with its unit), or the name of a measurement feeding items."""
    if value in ITEM_LABELS:
        sign = unit(value)
        name = item_label(value, lang)
        return f"{name} ({sign})" if sign else name
    text = MEASUREMENT_LABELS.get(value)
    if text is None:
        return None
    with translation.override(_lang_code(lang)):
        return str(text)


def _resolve_choices(path: str) -> Any:
    if ":" in path:
        import importlib

        module, name = path.split(":")
        return getattr(importlib.import_module(module), name)
    app_model, attr = path.rsplit(".", 1)
    return getattr(apps.get_model(app_model), attr)


@cache
def _choices(kind: str) -> dict[str, StrOrPromise]:
    return {str(v): lbl for v, lbl in _resolve_choices(CHOICES[kind]).choices}


def _lab(value: str, lang: str | None) -> str:
    agency = apps.get_model("base", "Agency").objects.filter(code=value).first()
    if agency is None:
        return value
    name_en = getattr(agency, "name_en", "")
    return str(name_en if is_english(lang) and name_en else agency.name)


def _table(kind: str) -> Mapping[str, StrOrPromise] | None:
    tables: dict[str, Mapping[str, StrOrPromise]] = {
        "verdict": VERDICTS,
        "result": RESULTS,
        "severity": SEVERITIES,
        "boolean": BOOLEANS,
        "action": ACTIONS,
        "part": MEASUREMENT_PARTS,
    }
    if kind in tables:
        return tables[kind]
    if kind in CHOICES:
        return _choices(kind)
    return None


SPECIAL: dict[str, Callable[[str, str | None], str]] = {
    "item": item_label,
    "measurement": lambda v, lang: _measurement_label(v, lang) or v,
    "lab": _lab,
}


def label(kind: str, value: Any, lang: str | None = None) -> str:
    """The user's words for `value` of `kind` (see VERDICTS, CHOICES, …) in `lang`."""
    if value is None or value == "":
        return "—"
    text = str(value)
    if kind in SPECIAL:
        return SPECIAL[kind](text, lang)
    table = _table(kind)
    if table is None:
        raise KeyError(f"unknown vocabulary kind: {kind}")
    found = table.get(text)
    if found is None and kind != "action":
        return text
    with translation.override(_lang_code(lang)):
        if found is None:
            return str(_("Recorded change"))
        return str(found)


def separator(lang: str | None = None) -> str:
    return ", " if is_english(lang) else "、"


def labels(kind: str, values: Iterable[Any] | str | None, lang: str | None = None) -> str:
    """Several values (a list, or text separated by 、 or commas) as one readable line."""
    if values is None:
        return "—"
    if isinstance(values, str):
        values = [v for v in re.split(r"[、,，;；]", values) if v.strip()]
    shown = [label(kind, v.strip() if isinstance(v, str) else v, lang) for v in values]
    return separator(lang).join(dict.fromkeys(shown)) or "—"


def _reading(value: Any, lang: str | None) -> str:
    if isinstance(value, str) and value in RESULTS:
        return label("result", value, lang)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        parts = []
        for part, number in value.items():
            shown = _reading(number, lang)
            name = "" if part == "value" else label("part", part, lang)
            parts.append(f"{name} {shown}".strip())
        return ", ".join(parts) if is_english(lang) else "，".join(parts)
    if isinstance(value, list):
        return "; ".join(_reading(v, lang) for v in value)
    return "—" if value is None else str(value)


def measurements_text(measurements: Any, lang: str | None = None) -> str:
    """The engine's measurements object as one line: 导体电阻 (Ω/km)：7.28，测量时温度 21.5；…"""
    if not isinstance(measurements, Mapping) or not measurements:
        return "—" if not measurements else str(measurements)
    colon = ": " if is_english(lang) else "："
    return ("; " if is_english(lang) else "；").join(
        f"{label('measurement', key, lang)}{colon}{_reading(value, lang)}"
        for key, value in measurements.items()
    )


def local_date(value: dt.date | dt.datetime | str | None, lang: str | None = None) -> str:
    """2026年12月2日 / 2 Dec 2026; datetimes in the site's time zone with the time."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        text = value
        try:
            value = dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
        except ValueError:
            return text
    time = ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        time = f" {value:%H:%M}"
        value = value.date()
    if is_english(lang):
        return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}{time}"
    return f"{value.year}年{value.month}月{value.day}日{time}"


__all__ = [
    "ACTIONS",
    "CHOICES",
    "ITEM_ALIASES",
    "item_key",
    "item_label",
    "label",
    "labels",
    "local_date",
    "measurements_text",
]
