"""Signed test reports: byte-for-byte reproducible PDFs and their verification."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.timezone import localdate
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from cablewatch.base import signing
from cablewatch.base.audit import record_change
from cablewatch.base.events import Event
from cablewatch.spotcheck.documents import report_facts
from cablewatch.spotcheck.models import Report, ResultVersion, Sample
from cablewatch.spotcheck.pdf import render_report_pdf
from cablewatch.spotcheck.services.plans import canonical_json

SUBJECT_PREFIX = "cablewatch-report:"
NUMBER_RE = re.compile(rb"cablewatch-report:(CW\d{4}-\d{6})")
CODE_BYTES = 24  # 192 random bits: cannot be guessed from the number nor enumerated


def new_code() -> str:
    """The verification code printed in the report's QR code (and nowhere else)."""
    return secrets.token_urlsafe(CODE_BYTES)


def code_digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def verification_url(number: str, code: str) -> str:
    """What the QR code encodes: the report's page, with the holder's code."""
    return f"{settings.SITE_URL}/verify/{number}?{urlencode({'code': code})}"


def code_matches(report: Report, code: str | None) -> bool:
    """Constant-time comparison of the digests; a report without a code matches nothing."""
    if not code or not report.code_sha256:
        return False
    return hmac.compare_digest(code_digest(code[:100]), report.code_sha256)


def is_public(report: Report, today: dt.date | None = None) -> bool:
    """Its content is public: an announcement holding it was published (on its date)."""
    today = today or timezone.localdate()
    return report.public_on is not None and report.public_on <= today


def lab_name(report: Report) -> str:
    """The issuing lab in the page's language (the one fact shown before publication)."""
    content = report.content
    english = (get_language() or "").startswith("en") and content.get("lab_en")
    return str(english or content.get("lab") or "")


def content_visible(report: Report, code: str | None) -> bool:
    """/verify/ shows the enterprise, values and verdict only after publication, or to
    whoever holds the report (its QR code carries the code). Otherwise only that the
    report is genuine: its number, issue date and issuing lab."""
    return is_public(report) or code_matches(report, code)


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
        "sampled_on": localdate(sample.sampled_at).isoformat(),
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
        **report_facts(sample, version),
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
    code = new_code()
    pdf = render_report_pdf(
        content, verification_url(number, code), subject=SUBJECT_PREFIX + number
    )
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
        code_sha256=code_digest(code),
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


def on_announcement_published(event: Event) -> None:
    """The reports of a published announcement become public from its publication day
    (subscribed in SpotcheckConfig.ready; runs in the publishing transaction)."""
    numbers = [str(n) for n in event.payload.get("report_numbers") or [] if n]
    try:
        on = dt.date.fromisoformat(str(event.payload.get("published_on")))
    except ValueError:
        return
    for report in Report.objects.filter(number__in=numbers, public_on__isnull=True).select_related(
        "sample"
    ):
        report.public_on = on
        report.save(update_fields=["public_on"])
        record_change(
            actor=None,
            action="spotcheck.report.made_public",
            target=report,
            before={"public_on": None},
            after={
                "public_on": on,
                "announcement": f"{event.payload.get('number')} v{event.payload.get('version')}",
            },
            division_code=report.sample.plan_division_id,
        )


def listing(today: dt.date | None = None) -> list[dict[str, Any]]:
    """The `report list --json` contract, one object per issued report, by number."""
    from cablewatch.spotcheck.services.aftermath import retest_window

    today = today or timezone.localdate()
    rows = Report.objects.select_related("sample__enterprise", "sample__task", "result").order_by(
        "number"
    )
    out = []
    for report in rows:
        sample = report.sample
        deadline = None if report.superseded else retest_window(sample, retest=report.result.retest)
        out.append(
            {
                "number": report.number,
                "plan": sample.task.plan_id,
                # as printed on the report (and shown on /verify/ once public)
                "enterprise_credit_code": report.content.get(
                    "credit_code", sample.enterprise.credit_code
                ),
                "enterprise_name": report.content.get("enterprise", sample.enterprise.name),
                "designation": report.content.get("designation", sample.designation),
                "verdict": report.content.get("verdict"),
                "final": sample.final and not report.superseded,
                "public": is_public(report, today),
                "retest_deadline": deadline.isoformat() if deadline else None,
                "issued_on": report.issued_on.isoformat(),
                "superseded": report.superseded,
            }
        )
    return out
