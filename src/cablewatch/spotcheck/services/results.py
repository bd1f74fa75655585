"""Lab results with four eyes, the automatic verdict and the final result."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.audit import record_change
from cablewatch.base.errors import DomainError, PermissionDeniedError
from cablewatch.base.events import Event, publish
from cablewatch.base.models import Role, User
from cablewatch.spotcheck.entry import engine_lang, implausible, item_name
from cablewatch.spotcheck.models import Rectification, Report, ResultVersion, Retest, Sample
from cablewatch.standards import judge, parse_designation, required_items
from cablewatch.standards.rules import LABELS

RECTIFY_DAYS, RECHECK_DAYS = 60, 75


def items_for(sample: Sample) -> list[dict[str, Any]]:
    """The lab's work list for the sample's designation (from the standards engine)."""
    return work_list(sample.designation)


def work_list(designation: str, rule: str | None = None) -> list[dict[str, Any]]:
    """Each required item as the engine gives it by the rule edition (None: the default),
    with its kind (how its limit reads) and the part of its measurement it is judged on.

    Plans do not name a rule edition yet: the lab works to the default edition. When they
    do, `items_for` and `_engine_sample` take the plan's edition, here and only here."""
    return [
        {"kind": str(spec.kind.value), "field": spec.field, **spec.to_json()}
        for spec in required_items(parse_designation(designation), rule=rule)
    ]


def _engine_sample(
    sample: Sample, measurements: dict[str, Any], manual: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The sample as the engine reads it; `manual`: items judged by hand (the engine
    accepts them only for items whose requirement it does not encode)."""
    out = {"id": sample.blind_code, "designation": sample.designation, "measurements": measurements}
    if manual:
        out["manual"] = manual
    return out


def input_problems(
    sample: Sample, measurements: dict[str, Any], manual: dict[str, Any] | None = None
) -> list[tuple[str, str]]:
    """(field path, problem) for measurements (and hand judgements) the engine refuses as
    input, in the user's language, plus readings no cable gives. Empty: all can be used."""
    problems = implausible(measurements)
    # an implausible reading is not sent to the engine at all (1e308 mm is refused here)
    refused = {path.split(".")[1].split("[")[0] for path, _m in problems}
    usable = {k: v for k, v in measurements.items() if k not in refused}
    verdict = judge(_engine_sample(sample, usable, manual), lang=engine_lang())
    return problems + engine_problems(sample, verdict)


def engine_problems(sample: Sample, verdict: dict[str, Any]) -> list[tuple[str, str]]:
    """The engine's errors that name an input (`measurements.x.min`, `manual.y.reason`),
    not those saying an item's requirement is not encoded (named by the item)."""
    items = {str(i["item"]) for i in items_for(sample)}
    found = []
    for text in verdict.get("errors") or []:
        path, _sep, message = str(text).partition(": ")
        if path not in items:
            found.append((path, message or path))
    return found


def verdict_problems(verdict: dict[str, Any]) -> list[str]:
    """The engine's errors in the user's words: an item named by its name, not its key."""
    out = []
    for text in verdict.get("errors") or []:
        path, _sep, message = str(text).partition(": ")
        name = item_name(path) if path in LABELS else path
        out.append(f"{name}: {message}" if message else path)
    return out


def judge_version(
    sample: Sample, version: ResultVersion, *, lang: str | None = None
) -> dict[str, Any]:
    """The engine's verdict on a stored version, with its items judged by hand (the one
    place a verdict is made: review, approval and the record all come from here)."""
    return judge(
        _engine_sample(sample, version.measurements, version.manual or None),
        lang=lang or engine_lang(),
    )


def live_verdict(
    sample: Sample, measurements: dict[str, Any], manual: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The engine's verdict on what is entered so far, leaving out what it refuses."""
    problems = input_problems(sample, measurements, manual)
    bad = {p.split(".")[1].split("[")[0] for p, _m in problems if "." in p}
    usable = {k: v for k, v in measurements.items() if k not in bad}
    hand = {k: v for k, v in (manual or {}).items() if k not in bad}
    return judge(_engine_sample(sample, usable, hand), lang=engine_lang())


def measurement_keys(sample: Sample, items: list[str] | None = None) -> list[str]:
    keys: list[str] = []
    for spec in items_for(sample):
        if (items is None or spec["item"] in items) and spec["measurement"] not in keys:
            keys.append(spec["measurement"])
    return keys


def current_lab_id(sample: Sample) -> int:
    retest = Retest.objects.filter(sample=sample, status=Retest.Status.PENDING).first()
    return retest.lab_id if retest else sample.lab_id


def _check_lab_member(actor: User, sample: Sample, role: str) -> int:
    lab_id = current_lab_id(sample)
    if actor.agency_id != lab_id or not actor.has_role(role):
        raise PermissionDeniedError(_("Only the lab testing this sample may do this."))
    return lab_id


@transaction.atomic
def submit_results(
    *,
    actor: User,
    sample: Sample,
    measurements: dict[str, Any],
    reason: str = "",
    manual: dict[str, Any] | None = None,
) -> ResultVersion:
    """A new version of the measurements, awaiting review. After an approval a reason is due.

    `manual`: items whose requirement the engine does not encode, judged by the analyst
    against a named clause with a reason; the engine refuses any other item."""
    sample = Sample.objects.select_for_update().get(pk=sample.pk)
    lab_id = _check_lab_member(actor, sample, Role.LAB_ANALYST)
    retest = Retest.objects.filter(sample=sample, status=Retest.Status.PENDING).first()
    allowed = set(measurement_keys(sample, retest.items if retest else None))
    unknown = set(measurements) - allowed
    if unknown:
        raise DomainError(
            _("Not an item to test here: %(items)s") % {"items": ", ".join(sorted(unknown))},
            field="measurements",
        )
    if not measurements and not manual:
        raise DomainError(_("Nothing was entered."), field="measurements")
    manual = dict(manual or {})
    problems = input_problems(sample, measurements, manual)
    if problems:
        raise DomainError(
            "; ".join(f"{path}: {message}" for path, message in problems),
            field=problems[0][0],
            code="bad_input",
        )
    if sample.status == Sample.Status.SUBMITTED:
        raise DomainError(_("A version is already awaiting review."), code="pending")
    if sample.final and not retest and not reason.strip():
        raise DomainError(_("A change after approval needs a reason."), field="reason")
    if retest:
        approved = _approved(sample)
        measurements = {**approved.measurements, **measurements}
        manual = {**(approved.manual or {}), **manual}
    last = sample.results.aggregate(n=Max("version"))["n"] or 0
    version = ResultVersion.objects.create(
        sample=sample,
        version=last + 1,
        lab_id=lab_id,
        retest=retest is not None,
        measurements=measurements,
        manual=manual,
        status=ResultVersion.Status.SUBMITTED,
        entered_by=actor,
        entered_at=timezone.now(),
        change_reason=reason.strip()[:255],
    )
    sample.status = Sample.Status.SUBMITTED
    sample.save(update_fields=["status"])
    record_change(
        actor=actor,
        action="spotcheck.result.submitted",
        target=version,
        after={"version": version.version, "measurements": measurements, "manual": manual},
        reason=version.change_reason,
        division_code=sample.plan_division_id,
    )
    return version


def _approved(sample: Sample) -> ResultVersion:
    found = sample.results.filter(status=ResultVersion.Status.APPROVED).order_by("-version")
    first = found.first()
    if first is None:
        raise DomainError(_("There is no approved result to re-test."))
    return first


def _pending(sample: Sample) -> ResultVersion:
    pending = sample.results.filter(status=ResultVersion.Status.SUBMITTED).first()
    if pending is None:
        raise DomainError(_("Nothing is awaiting review."), code="state")
    return pending


def _check_reviewer(actor: User, sample: Sample, version: ResultVersion) -> None:
    _check_lab_member(actor, sample, Role.LAB_REVIEWER)
    if version.entered_by_id == actor.pk:
        raise PermissionDeniedError(
            _("You entered these results; another reviewer of the lab must approve them."),
            code="four_eyes",
        )


@transaction.atomic
def return_results(*, actor: User, sample: Sample, note: str) -> ResultVersion:
    sample = Sample.objects.select_for_update().get(pk=sample.pk)
    version = _pending(sample)
    _check_reviewer(actor, sample, version)
    if not note.strip():
        raise DomainError(_("Say why the results go back."), field="note")
    version.status, version.review_note = ResultVersion.Status.RETURNED, note.strip()[:255]
    version.reviewed_by, version.reviewed_at = actor, timezone.now()
    version.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    sample.status = (
        Sample.Status.RETEST
        if _has_pending_retest(sample)
        else (Sample.Status.FINAL if sample.final else Sample.Status.SAMPLED)
    )
    sample.save(update_fields=["status"])
    record_change(
        actor=actor,
        action="spotcheck.result.returned",
        target=version,
        after={"status": version.status},
        reason=version.review_note,
        division_code=sample.plan_division_id,
    )
    return version


def _has_pending_retest(sample: Sample) -> bool:
    return Retest.objects.filter(sample=sample, status=Retest.Status.PENDING).exists()


@transaction.atomic
def approve_results(
    *, actor: User, sample: Sample, note: str = "", confirm_hand: bool = False
) -> ResultVersion:
    """Four eyes: a reviewer of the same lab, not the analyst. The engine gives the verdict;
    items judged by hand count only when the reviewer confirms them (`confirm_hand`)."""
    sample = Sample.objects.select_for_update().get(pk=sample.pk)
    version = _pending(sample)
    _check_reviewer(actor, sample, version)
    if version.manual and not confirm_hand:
        raise DomainError(
            _("Items were judged by hand: confirm them (clause and reason) to approve."),
            field="confirm_hand",
            code="confirm_hand",
        )
    verdict = judge_version(sample, version, lang="zh")
    if verdict["verdict"] not in ("pass", "fail"):
        problems = "; ".join(verdict_problems(judge_version(sample, version))) or _(
            "required items are missing"
        )
        raise DomainError(
            _("The standards engine cannot give a verdict yet: %(why)s") % {"why": problems},
            code="no_verdict",
        )
    now = timezone.now()
    sample.results.filter(status=ResultVersion.Status.APPROVED).update(
        status=ResultVersion.Status.SUPERSEDED
    )
    version.status, version.verdict = ResultVersion.Status.APPROVED, verdict
    version.reviewed_by, version.reviewed_at, version.review_note = actor, now, note[:255]
    version.save(update_fields=["status", "verdict", "reviewed_by", "reviewed_at", "review_note"])
    record_change(
        actor=actor,
        action="spotcheck.result.approved",
        target=version,
        after={
            "verdict": verdict["verdict"],
            "failed": verdict["failed"],
            "judged_by_hand": sorted(version.manual),
        },
        division_code=sample.plan_division_id,
    )
    _finalise(actor=actor, sample=sample, version=version, today=timezone.localdate())
    return version


def worst_severity(verdict: dict[str, Any]) -> str:
    found = {item.get("severity") for item in verdict["items"] if item["result"] == "fail"}
    return "serious" if "serious" in found else ("general" if "general" in found else "")


def _finalise(*, actor: User, sample: Sample, version: ResultVersion, today: dt.date) -> None:
    from cablewatch.spotcheck.services.reports import issue_report

    verdict = version.verdict or {}
    retest = Retest.objects.filter(sample=sample, status=Retest.Status.PENDING).first()
    if retest:
        retest.status = Retest.Status.DONE
        retest.save(update_fields=["status"])
    sample.final, sample.status = True, Sample.Status.FINAL
    sample.verdict, sample.failed_items = verdict["verdict"], list(verdict["failed"])
    sample.severity, sample.result_date = worst_severity(verdict), today
    if sample.notified_on is None:
        sample.notified_on = today
    sample.save(
        update_fields=[
            "final",
            "status",
            "verdict",
            "failed_items",
            "severity",
            "result_date",
            "notified_on",
        ]
    )
    report = issue_report(sample=sample, version=version, issued_on=today)
    _open_rectification(sample, today)
    publish(
        Event(
            "spotcheck.result.final",
            final_payload(sample, report, retest=version.retest),
            division_code=sample.plan_division_id,
            actor_id=actor.pk,
        )
    )


def _open_rectification(sample: Sample, today: dt.date) -> None:
    existing = Rectification.objects.filter(sample=sample).first()
    if sample.verdict == "fail" and existing is None:
        Rectification.objects.create(
            sample=sample,
            due_on=today + dt.timedelta(days=RECTIFY_DAYS),
            recheck_by=today + dt.timedelta(days=RECHECK_DAYS),
        )
    elif sample.verdict == "pass" and existing is not None and existing.filed_on is None:
        existing.delete()  # a re-test overturned the failure: nothing to rectify


def final_payload(sample: Sample, report: Report, *, retest: bool) -> dict[str, Any]:
    """Exactly the fields EVENTS lists for spotcheck.result.final."""
    enterprise, plan = sample.enterprise, sample.task.plan
    return {
        "sample_id": sample.pk,
        "report_number": report.number,
        "verdict": sample.verdict,
        "failed_items": list(sample.failed_items),
        "severity": sample.severity or None,
        "designation": sample.designation,
        "product_family": sample.product_family or None,
        "brand": sample.brand or None,
        "batch_number": sample.batch_number or None,
        "production_date": sample.production_date.isoformat() if sample.production_date else None,
        "enterprise_id": enterprise.pk,
        "enterprise_name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "enterprise_division": enterprise.division_id,
        "sampled_unit_name": sample.sampled_unit_name,
        "sampled_unit_address": sample.sampled_unit_address,
        "sampled_division": sample.sampled_division_id,
        "site_kind": sample.site_kind,
        "lab_name": report.content["lab"],
        "plan_id": plan.pk,
        "plan_name": plan.name,
        "plan_division": plan.division_id,
        "result_date": sample.result_date.isoformat() if sample.result_date else None,
        "retest": retest,
        "retest_deadline": _deadline_text(sample, retest=retest),
    }


def _deadline_text(sample: Sample, *, retest: bool) -> str | None:
    from cablewatch.spotcheck.services.aftermath import retest_window

    deadline = retest_window(sample, retest=retest)
    return deadline.isoformat() if deadline else None
