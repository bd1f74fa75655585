"""Every change to a case goes through these functions: one transaction each, saving
only the changed fields, an audit entry, and the enforcement events for sharing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.audit import changed, record_change, snapshot
from cablewatch.base.errors import ConflictError, DomainError
from cablewatch.base.events import Event, publish
from cablewatch.base.models import Agency, User
from cablewatch.enforcement.models import Case, Evidence, FailedSample
from cablewatch.enforcement.penalty import Penalty, calculate, deadline
from cablewatch.registry.models import Enterprise

Stage = Case.Stage


def nearest_agency(kind: str, division_code: str) -> Agency | None:
    """The active agency of `kind` whose division contains `division_code`, nearest first."""
    found = [
        a
        for a in Agency.objects.filter(kind=kind, active=True).select_related("division")
        if a.division.contains(division_code)
    ]
    found.sort(key=lambda a: (-len(a.division.scope_prefix), a.pk))
    return found[0] if found else None


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _save(
    case: Case, *, actor: User | None, action: str, before: dict[str, Any], reason: str = ""
) -> Case:
    old, new = changed(before, snapshot(case))
    if new:
        case.save(update_fields=list(new))
    record_change(
        actor=actor,
        action=action,
        target=case,
        before=old,
        after=new,
        reason=reason,
        division_code=case.division_id,
    )
    return case


def _require_stage(case: Case, *stages: str) -> None:
    if case.stage not in stages:
        raise ConflictError(
            _("This step is not possible at the stage %(stage)s.")
            % {"stage": case.get_stage_display()},
            field="stage",
            code="wrong-stage",
        )


def _publish(name: str, case: Case, actor: User | None, **payload: Any) -> None:
    base = {"case_id": case.pk, "enterprise_id": case.enterprise_id, "division": case.division_id}
    publish(
        Event(
            name,
            {**base, **payload},
            division_code=case.division_id,
            actor_id=actor.pk if actor else None,
        )
    )


@transaction.atomic
def open_case(
    *,
    actor: User | None,
    enterprise: Enterprise,
    origin: str,
    violation: str,
    summary: str,
    origin_ref: str = "",
    on: dt.date | None = None,
) -> Case:
    """Open a case for the enforcement department of the enterprise's division."""
    if violation not in Case.Violation.values:
        raise DomainError(_("Unknown violation."), field="violation")
    opened = _today(on)
    case = Case(
        enterprise=enterprise,
        division_id=enterprise.division_id,
        agency=nearest_agency(Agency.Kind.ENFORCEMENT, enterprise.division_id),
        origin=origin,
        origin_ref=origin_ref,
        summary=summary[:255],
        violation=violation,
        stage=Stage.FILING,
        stage_due=deadline("filing", opened),
        opened_on=opened,
    )
    case.save(force_insert=True)
    record_change(
        actor=actor,
        action="enforcement.case.opened",
        target=case,
        after=snapshot(case),
        division_code=case.division_id,
    )
    _publish(
        "enforcement.case.opened",
        case,
        actor,
        credit_code=enterprise.credit_code or "",
        origin=origin,
    )
    return case


def on_result_final(event: Event) -> None:
    """Handler of `spotcheck.result.final`: keep a failure, and open its case."""
    p = event.payload
    if p.get("verdict") != "fail":
        return
    sample_id = str(p.get("sample_id", ""))
    failed, _created = FailedSample.objects.get_or_create(
        sample_id=sample_id,
        defaults={
            "report_number": str(p.get("report_number") or ""),
            "enterprise_id": p.get("enterprise_id"),
            "enterprise_name": str(p.get("enterprise_name") or ""),
            "credit_code": str(p.get("credit_code") or ""),
            "designation": str(p.get("designation") or ""),
            "failed_items": list(p.get("failed_items") or []),
            "severity": str(p.get("severity") or ""),
            "result_date": dt.date.fromisoformat(p["result_date"])
            if p.get("result_date")
            else None,
            "payload": p,
        },
    )
    enterprise = Enterprise.objects.filter(pk=int(p.get("enterprise_id") or 0)).first()
    if enterprise is None or Case.objects.filter(origin="spotcheck", origin_ref=sample_id).exists():
        return
    items = ", ".join(str(i) for i in failed.failed_items)
    summary = _("Failed spot check %(report)s: %(items)s") % {
        "report": failed.report_number or sample_id,
        "items": items,
    }
    open_case(
        actor=None,
        enterprise=enterprise,
        origin=Case.Origin.SPOTCHECK,
        violation=Case.Violation.UNSAFE,
        summary=summary,
        origin_ref=sample_id,
        on=failed.result_date,
    )


def on_sampling_refused(event: Event) -> None:
    """Handler of `spotcheck.sampling.refused`: a refusal to be sampled is a case
    (拒绝监督抽查, Product Quality Law Art. 56), opened once per drawn task."""
    p = event.payload
    ref = f"refusal-{p.get('task_id')}"
    enterprise = Enterprise.objects.filter(pk=int(p.get("enterprise_id") or 0)).first()
    if (
        enterprise is None
        or Case.objects.filter(origin=Case.Origin.REFUSAL, origin_ref=ref).exists()
    ):
        return
    summary = _("Refused the spot check of plan %(plan)s: %(details)s") % {
        "plan": p.get("plan_name") or p.get("plan_id"),
        "details": p.get("details") or "",
    }
    occurred = str(p.get("occurred_on") or "")
    open_case(
        actor=None,
        enterprise=enterprise,
        origin=Case.Origin.REFUSAL,
        violation=Case.Violation.REFUSED,
        summary=summary,
        origin_ref=ref,
        on=dt.date.fromisoformat(occurred) if occurred else None,
    )


@transaction.atomic
def file_case(*, actor: User, case: Case, on: dt.date | None = None) -> Case:
    """立案: the case is filed; the decision is due within the legal period."""
    case = _locked(case)
    _require_stage(case, Stage.FILING)
    before = snapshot(case)
    case.filed_on = _today(on)
    case.stage = Stage.INVESTIGATION
    case.stage_due = deadline("decision", case.filed_on)
    return _save(case, actor=actor, action="enforcement.case.filed", before=before)


@transaction.atomic
def add_evidence(
    *, actor: User, case: Case, kind: str, description: str, file: UploadedFile[bytes] | None = None
) -> Evidence:
    case = _locked(case)
    _require_stage(case, Stage.FILING, Stage.INVESTIGATION, Stage.NOTICE)
    evidence = Evidence(case=case, kind=kind, description=description, recorded_by=actor)
    if file is not None:
        evidence.file = file
    evidence.save(force_insert=True)
    record_change(
        actor=actor,
        action="enforcement.evidence.added",
        target=case,
        after={"evidence": evidence.pk, "kind": kind, "description": description},
        division_code=case.division_id,
    )
    return evidence


def penalty_for(case: Case) -> Penalty:
    return calculate(case.violation, case.sold_value, case.unsold_value, case.illegal_income)


@transaction.atomic
def update_figures(
    *,
    actor: User,
    case: Case,
    sold_value: Decimal,
    unsold_value: Decimal,
    illegal_income: Decimal,
    serious_consequences: bool = False,
    violation: str | None = None,
) -> Case:
    """Record the figures; reaching a criminal threshold flags the case for transfer."""
    case = _locked(case)
    _require_stage(case, Stage.FILING, Stage.INVESTIGATION, Stage.NOTICE)
    before = snapshot(case)
    case.sold_value, case.unsold_value = sold_value, unsold_value
    case.illegal_income, case.serious_consequences = illegal_income, serious_consequences
    if violation:
        case.violation = violation
    result = penalty_for(case)
    if case.transfer == Case.Transfer.NONE:
        basis = ""
        if result.transfer.suggested:
            basis = f"{result.transfer.basis}: {result.transfer.reason}"
        elif serious_consequences and case.violation == Case.Violation.UNSAFE:
            basis = "刑法 第一百四十六条: serious consequences"
        if basis:
            _flag(case, basis[:255])
    return _save(case, actor=actor, action="enforcement.case.figures", before=before)


def _flag(case: Case, basis: str) -> None:
    case.transfer = Case.Transfer.FLAGGED
    case.transfer_basis = basis
    approval = deadline("transfer_approval", timezone.localdate())
    case.transfer_due = deadline("transfer_handover", approval)


@transaction.atomic
def flag_transfer(*, actor: User, case: Case, basis: str) -> Case:
    """Flag by hand (e.g. serious consequences the figures do not show)."""
    case = _locked(case)
    if case.transfer not in (Case.Transfer.NONE, Case.Transfer.DECLINED):
        raise ConflictError(_("The case is already flagged or transferred."), field="transfer")
    if not basis.strip():
        raise DomainError(_("Give the basis for the transfer."), field="basis")
    before = snapshot(case)
    _flag(case, basis[:255])
    return _save(case, actor=actor, action="enforcement.transfer.flagged", before=before)


@transaction.atomic
def serve_notice(*, actor: User, case: Case, on: dt.date | None = None) -> Case:
    """Notice of the intended penalty; the party may state its case or ask for a hearing."""
    case = _locked(case)
    _require_stage(case, Stage.INVESTIGATION)
    before = snapshot(case)
    case.notice_on = _today(on)
    case.stage = Stage.NOTICE
    case.stage_due = deadline("statement", case.notice_on)
    return _save(case, actor=actor, action="enforcement.case.notice", before=before)


@transaction.atomic
def record_statement(*, actor: User, case: Case, text: str) -> Case:
    case = _locked(case)
    _require_stage(case, Stage.NOTICE)
    before = snapshot(case)
    case.statement = text
    return _save(case, actor=actor, action="enforcement.case.statement", before=before)


@transaction.atomic
def decide_penalty(
    *, actor: User, case: Case, fine: Decimal, decision: str, reason: str = ""
) -> Case:
    """The decision. A fine outside the legal range needs a recorded reason."""
    case = _locked(case)
    _require_stage(case, Stage.NOTICE)
    if fine < 0:
        raise DomainError(_("The fine cannot be negative."), field="fine")
    result = penalty_for(case)
    if not result.contains(fine) and not reason.strip():
        raise DomainError(
            _("The fine is outside the range %(low)s to %(high)s (%(article)s): give a reason.")
            % {"low": result.fine_min, "high": result.fine_max, "article": result.article},
            field="reason",
            code="outside-range",
        )
    before = snapshot(case)
    case.fine, case.decision, case.fine_reason = fine, decision, reason.strip()
    case.decided_on = timezone.localdate()
    case.stage = Stage.EXECUTION
    case.stage_due = deadline("execution", case.decided_on)
    _save(case, actor=actor, action="enforcement.penalty.decided", before=before, reason=reason)
    _publish("enforcement.penalty.decided", case, actor, fine=str(fine))
    return case


@transaction.atomic
def record_execution(*, actor: User, case: Case, note: str = "") -> Case:
    case = _locked(case)
    _require_stage(case, Stage.EXECUTION)
    before = snapshot(case)
    case.executed_on = timezone.localdate()
    case.stage_due = None
    return _save(case, actor=actor, action="enforcement.case.executed", before=before, reason=note)


@transaction.atomic
def close_case(*, actor: User, case: Case, outcome: str) -> Case:
    """Close the case; refused while a transfer to the police is unresolved."""
    case = _locked(case)
    if case.stage == Stage.CLOSED:
        raise ConflictError(_("The case is already closed."), field="stage")
    if case.transfer_unresolved:
        raise ConflictError(
            _("The case cannot be closed while the transfer to the police is unresolved."),
            field="transfer",
            code="transfer-unresolved",
        )
    if not outcome.strip():
        raise DomainError(_("Say how the case ends."), field="outcome")
    before = snapshot(case)
    case.stage, case.stage_due = Stage.CLOSED, None
    case.closed_on, case.outcome = timezone.localdate(), outcome.strip()[:255]
    _save(case, actor=actor, action="enforcement.case.closed", before=before)
    _publish("enforcement.case.closed", case, actor, outcome=case.outcome)
    return case


@transaction.atomic
def record_transfer(
    *, actor: User, case: Case, police: Agency, documents: str, on: dt.date | None = None
) -> Case:
    """The case goes to the public security organ with its documents (Order 310)."""
    case = _locked(case)
    if case.transfer not in (Case.Transfer.FLAGGED, Case.Transfer.RETURNED):
        raise ConflictError(
            _("Only a flagged or returned case can be transferred."), field="transfer"
        )
    if police.kind != Agency.Kind.POLICE:
        raise DomainError(_("Choose a public security organ."), field="police")
    if not documents.strip():
        raise DomainError(_("List the documents sent with the transfer."), field="documents")
    before = snapshot(case)
    case.transfer, case.police = Case.Transfer.TRANSFERRED, police
    case.transferred_on, case.transfer_documents = _today(on), documents.strip()
    case.transfer_due = deadline("police_decision", case.transferred_on)
    _save(case, actor=actor, action="enforcement.case.transferred", before=before)
    _publish("enforcement.case.transferred", case, actor, police_agency=police.code)
    return case


RESPONSES = (Case.Transfer.ACCEPTED, Case.Transfer.REFUSED, Case.Transfer.RETURNED)


@transaction.atomic
def record_police_response(*, actor: User, case: Case, response: str, note: str = "") -> Case:
    """Acceptance, refusal or return by the police; refusal and return need a note."""
    case = _locked(case)
    if case.transfer != Case.Transfer.TRANSFERRED:
        raise ConflictError(_("The case has not been transferred."), field="transfer")
    if response not in RESPONSES:
        raise DomainError(_("Unknown response."), field="response")
    if response != Case.Transfer.ACCEPTED and not note.strip():
        raise DomainError(_("Record the police's reasons."), field="note")
    before = snapshot(case)
    case.transfer, case.transfer_note, case.transfer_due = response, note.strip(), None
    return _save(case, actor=actor, action="enforcement.transfer.response", before=before)


@transaction.atomic
def decline_transfer(*, actor: User, case: Case, reason: str) -> Case:
    """The head does not approve the transfer: recorded with its reasons (Order 310)."""
    case = _locked(case)
    if case.transfer not in (Case.Transfer.FLAGGED, Case.Transfer.RETURNED):
        raise ConflictError(_("Only a flagged case can be declined."), field="transfer")
    if not reason.strip():
        raise DomainError(_("Record the reasons for not transferring."), field="reason")
    before = snapshot(case)
    case.transfer, case.transfer_note, case.transfer_due = Case.Transfer.DECLINED, reason, None
    return _save(
        case, actor=actor, action="enforcement.transfer.declined", before=before, reason=reason
    )


def history(enterprise_id: int) -> dict[str, Any]:
    """An enterprise's record: failed samples, cases and penalties; repeat if more than one."""
    failures = list(FailedSample.objects.filter(enterprise_id=enterprise_id))
    cases = list(Case.objects.filter(enterprise_id=enterprise_id).select_related("agency"))
    penalties = [c for c in cases if c.fine is not None]
    return {
        "failures": failures,
        "cases": cases,
        "penalties": penalties,
        "repeat": len(failures) > 1 or len(cases) > 1,
    }
