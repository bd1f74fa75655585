from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cablewatch.base.access import get_for_user_or_404, role_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import AuditEntry, Role, User
from cablewatch.enforcement import forms as f
from cablewatch.enforcement import services
from cablewatch.enforcement.models import Case
from cablewatch.registry.forms import apply_domain_error
from cablewatch.registry.models import Enterprise

VIEWERS = (Role.ENFORCEMENT, Role.SUPERVISION)
OFFICERS = (Role.ENFORCEMENT,)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@role_required(*VIEWERS)
def case_list(request: HttpRequest) -> HttpResponse:
    cases = Case.objects.for_user(_user(request)).select_related("enterprise", "agency")
    show = request.GET.get("show", "open")
    if show == "open":
        cases = cases.open()
    elif show == "overdue":
        cases = cases.overdue()
    return render(
        request,
        "enforcement/case_list.html",
        {"cases": cases[:200], "show": show, "can_open": _user(request).has_role(*OFFICERS)},
    )


@role_required(*VIEWERS)
def transfer_list(request: HttpRequest) -> HttpResponse:
    """The supervisor's list: flagged, transferred, accepted, refused (and the rest)."""
    cases = (
        Case.objects.for_user(_user(request))
        .exclude(transfer=Case.Transfer.NONE)
        .select_related("enterprise", "police")
    )
    groups = [
        (label, [c for c in cases if c.transfer == key]) for key, label in Case.Transfer.choices
    ]
    return render(request, "enforcement/transfer_list.html", {"groups": groups[1:]})


@role_required(*OFFICERS)
def case_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = f.OpenCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        enterprise = (
            Enterprise.objects.for_user(user).filter(credit_code=data["credit_code"]).first()
        )
        if enterprise is None:
            form.add_error("credit_code", _("No enterprise with this code in your region."))
        else:
            case = services.open_case(
                actor=user,
                enterprise=enterprise,
                origin=data["origin"],
                violation=data["violation"],
                summary=data["summary"],
            )
            return redirect("enforcement:case-detail", pk=case.pk)
    return render(request, "enforcement/case_form.html", {"form": form})


def _forms(case: Case) -> dict[str, forms.Form]:
    initial = {
        "violation": case.violation,
        "sold_value": case.sold_value,
        "unsold_value": case.unsold_value,
        "illegal_income": case.illegal_income,
        "serious_consequences": case.serious_consequences,
    }
    return {
        "figures": f.FiguresForm(initial=initial),
        "evidence": f.EvidenceForm(),
        "statement": f.StatementForm(initial={"text": case.statement}),
        "decide": f.DecisionForm(),
        "execute": f.NoteForm(),
        "close": f.CloseForm(),
        "flag": f.FlagForm(),
        "transfer": f.TransferForm(),
        "respond": f.ResponseForm(),
        "decline": f.DeclineForm(),
    }


@role_required(*VIEWERS)
def case_detail(
    request: HttpRequest, pk: int, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    case = get_for_user_or_404(
        _user(request),
        Case.objects.select_related("enterprise", "agency", "police"),
        pk=pk,
    )
    context: dict[str, Any] = {
        "case": case,
        "penalty": services.penalty_for(case),
        "record": services.history(case.enterprise_id),
        "forms": {**_forms(case), **(bound or {})},
        "can_act": _user(request).has_role(*OFFICERS),
        "history": AuditEntry.objects.for_target("enforcement.case", str(pk))[:50],
    }
    return render(request, "enforcement/case_detail.html", context)


@role_required(*VIEWERS)
def enterprise_history(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_for_user_or_404(_user(request), Enterprise.objects, pk=pk)
    record = services.history(enterprise.pk)
    return render(request, "enforcement/history.html", {"enterprise": enterprise, "record": record})


Action = Callable[[User, Case, dict[str, Any]], object]
ACTIONS: dict[str, tuple[type[forms.Form] | None, Action]] = {
    "file": (None, lambda u, c, d: services.file_case(actor=u, case=c)),
    "figures": (f.FiguresForm, lambda u, c, d: services.update_figures(actor=u, case=c, **d)),
    "evidence": (f.EvidenceForm, lambda u, c, d: services.add_evidence(actor=u, case=c, **d)),
    "notice": (None, lambda u, c, d: services.serve_notice(actor=u, case=c)),
    "statement": (f.StatementForm, lambda u, c, d: services.record_statement(actor=u, case=c, **d)),
    "decide": (f.DecisionForm, lambda u, c, d: services.decide_penalty(actor=u, case=c, **d)),
    "execute": (f.NoteForm, lambda u, c, d: services.record_execution(actor=u, case=c, **d)),
    "close": (f.CloseForm, lambda u, c, d: services.close_case(actor=u, case=c, **d)),
    "flag": (f.FlagForm, lambda u, c, d: services.flag_transfer(actor=u, case=c, **d)),
    "transfer": (f.TransferForm, lambda u, c, d: services.record_transfer(actor=u, case=c, **d)),
    "respond": (
        f.ResponseForm,
        lambda u, c, d: services.record_police_response(actor=u, case=c, **d),
    ),
    "decline": (f.DeclineForm, lambda u, c, d: services.decline_transfer(actor=u, case=c, **d)),
}


@role_required(*OFFICERS)
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step of the procedure: validate the step's form, call its service, show the case."""
    if action not in ACTIONS or request.method != "POST":
        raise Http404
    case = get_for_user_or_404(_user(request), Case.objects, pk=pk)
    form_class, run = ACTIONS[action]
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is not None and not form.is_valid():
        return case_detail(request, pk, bound={action: form})
    try:
        run(_user(request), case, form.cleaned_data if form else {})
    except DomainError as exc:
        if form is None:
            messages.error(request, exc.message)
            return redirect("enforcement:case-detail", pk=pk)
        apply_domain_error(form, exc)
        return case_detail(request, pk, bound={action: form})
    messages.success(request, _("Recorded."))
    return redirect("enforcement:case-detail", pk=pk)
