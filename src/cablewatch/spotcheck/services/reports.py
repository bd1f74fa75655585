"""Signed test reports: byte-for-byte reproducible PDFs and their verification."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from cablewatch.base import signing
from cablewatch.base.audit import record_change
from cablewatch.spotcheck.models import Report, ResultVersion, Sample
from cablewatch.spotcheck.pdf import render_report_pdf
from cablewatch.spotcheck.services.plans import canonical_json

SUBJECT_PREFIX = "cablewatch-report:"
NUMBER_RE = re.compile(rb"cablewatch-report:(CW\d{4}-\d{6})")


def next_number(year: int) -> str:
    prefix = f"CW{year}-"
    last = (
        Report.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    seq = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{seq:06d}"


def report_content(
    sample: Sample, version: ResultVersion, number: str, issued_on: dt.date
) -> dict[str, Any]:
    verdict = version.verdict or {}
    return {
        "number": number,
        "blind_code": sample.blind_code,
        "designation": sample.designation,
        "product_family": sample.product_family,
        "brand": sample.brand,
        "batch_number": sample.batch_number,
        "production_date": sample.production_date.isoformat() if sample.production_date else None,
        "enterprise": sample.enterprise.name,
        "credit_code": sample.enterprise.credit_code,
        "sampled_unit": sample.sampled_unit_name,
        "site_kind": sample.site_kind,
        "sampled_on": sample.sampled_at.date().isoformat(),
        "lab": version.lab.name,
        "lab_en": version.lab.name_en,
        "approved_on": version.reviewed_at.date().isoformat() if version.reviewed_at else None,
        "issued_on": issued_on.isoformat(),
        "retest": version.retest,
        "result_version": version.version,
        "verdict": verdict.get("verdict"),
        "items": [
            {
                "item": item["item"],
                "requirement": item.get("requirement"),
                "requirement_en": item.get("requirement_en"),
                "measured": item.get("value_rounded", item.get("value_20c", item.get("measured"))),
                "result": item["result"],
                "severity": item.get("severity"),
                # an item the engine cannot judge, judged by the analyst and confirmed by
                # the reviewer: {"result", "clause", "reason"}; absent when the engine judged
                **(
                    {"judged_by": "hand", "manual": item.get("manual")}
                    if item.get("judged_by") == "hand"
                    else {}
                ),
            }
            for item in verdict.get("items", [])
        ],
    }


def signed_bytes(content: dict[str, Any], pdf_sha256: str) -> bytes:
    return canonical_json({"content": content, "pdf_sha256": pdf_sha256})


def issue_report(*, sample: Sample, version: ResultVersion, issued_on: dt.date) -> Report:
    """Render, hash and sign the report of an approved version (inside its transaction)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("issue_report must run inside transaction.atomic")
    sample.reports.filter(superseded=False).update(superseded=True)
    number = next_number(issued_on.year)
    content = report_content(sample, version, number, issued_on)
    url = f"{settings.SITE_URL}/verify/{number}"
    pdf = render_report_pdf(content, url, subject=SUBJECT_PREFIX + number)
    digest = hashlib.sha256(pdf).hexdigest()
    key_id, signature = signing.sign(signed_bytes(content, digest))
    report = Report.objects.create(
        number=number,
        sample=sample,
        result=version,
        content=content,
        pdf=pdf,
        pdf_sha256=digest,
        key_id=key_id,
        signature=signature,
        issued_on=issued_on,
    )
    record_change(
        actor=None,
        action="spotcheck.report.issued",
        target=report,
        after={"number": number, "pdf_sha256": digest, "key_id": key_id},
        division_code=sample.plan_division_id,
    )
    return report


@dataclass(frozen=True)
class Verification:
    genuine: bool
    reason: str
    report: Report | None = None


def number_in_pdf(data: bytes) -> str | None:
    """The report number from the PDF's subject; falls back to a scan of the raw bytes
    so that a damaged file still names the report it claims to be."""
    try:
        subject = PdfReader(io.BytesIO(data)).metadata
        text = str(subject.subject) if subject and subject.subject else ""
        if text.startswith(SUBJECT_PREFIX):
            return text[len(SUBJECT_PREFIX) :]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        pass
    found = NUMBER_RE.search(data)
    return found.group(1).decode() if found else None


def verify_signature(report: Report) -> bool:
    try:
        signing.verify(
            signed_bytes(report.content, report.pdf_sha256), report.key_id, report.signature
        )
    except signing.SigningError:
        return False
    return True


def verify_pdf(data: bytes) -> Verification:
    """Genuine = names an issued report, same bytes as issued, and a valid signature."""
    if not data.startswith(b"%PDF"):
        return Verification(False, _("The file is not a PDF."))
    number = number_in_pdf(data)
    if number is None:
        return Verification(False, _("The file is not a CableWatch test report."))
    report = Report.objects.filter(number=number).select_related("sample").first()
    if report is None:
        return Verification(False, _("No report %(number)s was ever issued.") % {"number": number})
    if hashlib.sha256(data).hexdigest() != report.pdf_sha256:
        return Verification(
            False,
            _("The file differs from the issued report %(number)s: it was altered.")
            % {"number": number},
            report,
        )
    if not verify_signature(report):
        return Verification(False, _("The stored signature does not match."), report)
    return Verification(
        True, _("Genuine, unaltered report %(number)s.") % {"number": number}, report
    )
