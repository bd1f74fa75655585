"""What the signed report says beyond the results: the lab, the people who sign, and the
basis of judgement. Kept in the report's content, so a PDF can be rendered again from it."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from typing import Any

from cablewatch.base.models import Agency
from cablewatch.spotcheck.models import Report, ResultVersion, Sample
from cablewatch.standards import parse_designation
from cablewatch.standards.errors import StandardsError
from cablewatch.standards.rules import context_for

# The implementing rules the national and provincial spot checks follow (reference §5.1).
IMPLEMENTING_RULES = "电线电缆产品质量国家监督抽查实施细则（2024年版）"
IMPLEMENTING_RULES_EN = (
    "SAMR implementing rules for the national spot check of wire and cable (2024)"
)


@cache
def rules_edition() -> str:
    """The edition of the engine's rules: a digest of its packaged tables and rules."""
    digest = hashlib.sha256()
    data = resources.files("cablewatch.standards").joinpath("data")
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:12]


def standard_of(designation: str) -> str:
    try:
        return context_for(parse_designation(designation)).standard
    except (StandardsError, KeyError, ValueError):
        return ""


def report_facts(sample: Sample, version: ResultVersion) -> dict[str, Any]:
    """The lab's address and accreditation, who tested and reviewed, and the basis."""
    verdict = version.verdict or {}
    clauses = dict.fromkeys(
        str(i.get("clause")) for i in verdict.get("items", []) if i.get("clause")
    )
    return {
        "lab_address": version.lab.address,
        "lab_accreditation": version.lab.accreditation,
        "tested_by": str(version.entered_by) if version.entered_by_id else "",
        "reviewed_by": str(version.reviewed_by) if version.reviewed_by_id else "",
        "standard": standard_of(sample.designation),
        "clauses": list(clauses),
        "rules": IMPLEMENTING_RULES,
        "rules_en": IMPLEMENTING_RULES_EN,
        "rules_edition": rules_edition(),
        "severity": sample.severity or None,
    }


def _organiser(sample: Sample) -> Agency | None:
    """The regulator of the plan's region: it organised the spot check."""
    return (
        Agency.objects.filter(kind=Agency.Kind.REGULATOR, division_id=sample.task.plan.division_id)
        .order_by("pk")
        .first()
    )


def notice_content(report: Report) -> dict[str, Any]:
    """The notice of result: the report's content, the re-test right and its deadline."""
    from cablewatch.spotcheck.services.aftermath import retest_deadline, retestable_items

    sample = report.sample
    deadline = retest_deadline(sample)
    organiser = _organiser(sample)
    return {
        **report.content,
        "retest_deadline": deadline.isoformat() if deadline else None,
        "retest_items": retestable_items(sample) if sample.verdict == "fail" else [],
        "notified_on": (sample.notified_on or report.issued_on).isoformat(),
        "organiser": organiser.name if organiser else "",
        "organiser_en": organiser.name_en if organiser else "",
    }


def render_notice(report: Report) -> bytes:
    from django.conf import settings

    from cablewatch.spotcheck.pdf import render_notice_pdf

    return render_notice_pdf(notice_content(report), f"{settings.SITE_URL}/verify/{report.number}")
