from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from cablewatch.base.access import capability_required
from cablewatch.base.models import Capability
from cablewatch.standards import DesignationError, judge, parse_designation, required_items
from cablewatch.standards.resistance import CORRECTION_LABELS
from cablewatch.standards.rules import LABELS
from cablewatch.verdicts.fields import build_measurements, measurement_fields


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


def _parse(text: str) -> tuple[Any, str | None]:
    if not text:
        return None, None
    try:
        return parse_designation(text), None
    except DesignationError as exc:
        return None, exc.message(_lang())


def _labelled(verdict: dict[str, Any]) -> dict[str, Any]:
    """Each item with its name in the page's language (never the internal key)."""
    index = 1 if _lang() == "en" else 0
    for item in verdict["items"]:
        item["label"] = LABELS.get(item["item"], (item["item"], item["item"]))[index]
        method = item.get("correction")
        if method in CORRECTION_LABELS:
            item["correction_label"] = CORRECTION_LABELS[method][index]
    return verdict


@capability_required(Capability.JUDGE)
def judge_page(request: HttpRequest) -> HttpResponse:
    """Type a designation, then its measurements, and see the verdict item by item."""
    text = (request.POST.get("designation") or request.GET.get("designation") or "").strip()
    designation, error = _parse(text)
    fields = measurement_fields(designation) if designation else []
    verdict = None
    if request.method == "POST" and designation is not None:
        sample = {"designation": text, "measurements": build_measurements(fields, request.POST)}
        verdict = _labelled(judge(sample, lang=_lang()))
    context = {
        "designation_text": text,
        "designation": designation,
        "parse_error": error,
        "fields": fields,
        "values": request.POST,
        "verdict": verdict,
    }
    return render(request, "verdicts/judge.html", context)


def requirements_page(request: HttpRequest) -> HttpResponse:
    """The requirement tables for any designation; public, as the standards are."""
    text = (request.GET.get("designation") or "").strip()
    designation, error = _parse(text)
    items = [item.to_json() for item in required_items(designation)] if designation else []
    context = {
        "designation_text": text,
        "designation": designation,
        "parse_error": error,
        "parsed": designation.to_json() if designation else None,
        "items": items,
    }
    return render(request, "verdicts/requirements.html", context)
