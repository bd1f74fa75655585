"""Plans and draws: officers plan and draw; anyone may read a plan's published draw."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cablewatch.base.access import get_for_user_or_404, role_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import AuditEntry, Role, User
from cablewatch.base.models.regions import scope_prefix
from cablewatch.lib.downloads import attach
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck import draw as drawing
from cablewatch.spotcheck.forms import PlanForm, PublishForm, apply_error
from cablewatch.spotcheck.models import Plan, Sample
from cablewatch.spotcheck.services import plans

OFFICERS = (Role.SUPERVISION, Role.ADMIN)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@role_required(*OFFICERS)
def plan_list(request: HttpRequest) -> HttpResponse:
    rows = Plan.objects.for_user(_user(request)).select_related("division")
    return render(request, "spotcheck/plan_list.html", {"plans": rows})


@role_required(*OFFICERS)
def plan_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    scope = user.region_prefix or ""
    form = PlanForm(request.POST or None, division_scope=scope)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "labs"}
        try:
            plan = plans.create_plan(actor=user, data=data, labs=list(form.cleaned_data["labs"]))
        except DomainError as exc:
            apply_error(form, exc.field, exc.message)
        else:
            return redirect("spotcheck:plan-detail", plan.pk)
    return render(request, "spotcheck/plan_form.html", {"form": form})


@role_required(*OFFICERS)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for_user_or_404(Plan.objects.for_user(_user(request)), pk=pk)
    tasks = plan.tasks.select_related("enterprise", "lab").prefetch_related("inspectors")
    history = AuditEntry.objects.filter(target_type="spotcheck.plan", target_id=str(plan.pk))
    context = {
        "plan": plan,
        "tasks": tasks,
        "publish_form": PublishForm(),
        "weights": drawing.RISK_WEIGHTS,
        "history": history.order_by("-seq"),
        "samples": {s.task_id: s for s in Sample.objects.filter(task__plan=plan)},
    }
    return render(request, "spotcheck/plan_detail.html", context)


@role_required(*OFFICERS)
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    plan = get_for_user_or_404(Plan.objects.for_user(user), pk=pk)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plans.publish_inputs(
                actor=user, plan=plan, public_value=form.cleaned_data["public_value"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The seed and the draw inputs are published."))
    return redirect("spotcheck:plan-detail", plan.pk)


@role_required(*OFFICERS)
def plan_draw(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    plan = get_for_user_or_404(Plan.objects.for_user(user), pk=pk)
    if request.method == "POST":
        try:
            plans.run_draw(actor=user, plan=plan)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Drawn. The draw can be recomputed by anyone."))
    return redirect("spotcheck:plan-detail", plan.pk)


def _public_plan(pk: int) -> Plan:
    plan = Plan.objects.select_related("division").filter(pk=pk).exclude(status="draft").first()
    if plan is None:
        raise Http404
    return plan


def public_draw(request: HttpRequest, pk: int) -> HttpResponse:
    """No login: the seed, the inputs and their digest, and the draw (双随机一公开)."""
    plan = _public_plan(pk)
    inputs = plan.published_inputs or {}
    names = dict(
        Enterprise.objects.filter(pk__in=[c[0] for c in inputs.get("candidates", [])]).values_list(
            "pk", "name"
        )
    )
    tasks = plan.tasks.select_related("enterprise", "lab").prefetch_related("inspectors")
    context = {
        "plan": plan,
        "inputs": inputs,
        "candidates": [
            (pk_, weight, names.get(pk_, "")) for pk_, weight in inputs.get("candidates", [])
        ],
        "tasks": tasks,
        "weights": drawing.RISK_WEIGHTS,
        "algorithm_doc": drawing.__doc__,
        "scope": scope_prefix(plan.division_id, plan.division.level),
    }
    return render(request, "spotcheck/public_draw.html", context)


def public_draw_inputs(request: HttpRequest, pk: int) -> HttpResponse:
    """The published inputs as the exact canonical JSON whose SHA-256 is published."""
    plan = _public_plan(pk)
    body = plans.canonical_json(plan.published_inputs)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    attach(response, f"plan-{plan.pk}-draw-inputs.json", inline=True)
    return response
