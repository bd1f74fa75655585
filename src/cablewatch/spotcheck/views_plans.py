"""Plans and draws: officers plan and draw; anyone may read a plan's published draw."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cablewatch.base.access import get_for_user_or_404, role_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import AuditEntry, Division, Role, User
from cablewatch.base.models.regions import in_scope, scope_prefix
from cablewatch.lib.downloads import attach
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck import draw as drawing
from cablewatch.spotcheck.forms import PlanForm, PublishForm, apply_domain_error
from cablewatch.spotcheck.models import NotSampled, Plan, Sample
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
            apply_domain_error(form, exc)
        else:
            return redirect("spotcheck:plan-detail", plan.pk)
    return render(request, "spotcheck/plan_form.html", {"form": form})


@role_required(*OFFICERS)
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft; a published plan is refused by the service, with its reason."""
    user = _user(request)
    plan = get_for_user_or_404(user, Plan.objects, pk=pk)
    if plan.status != Plan.Status.DRAFT and request.method != "POST":
        messages.error(request, _("Only a draft plan can be edited."))
        return redirect("spotcheck:plan-detail", plan.pk)
    form = PlanForm(request.POST or None, instance=plan, division_scope=user.region_prefix or "")
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "labs"}
        try:
            plans.update_plan(
                actor=user,
                plan=Plan.objects.get(pk=plan.pk),
                data=data,
                labs=list(form.cleaned_data["labs"]),
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("Plan saved."))
            return redirect("spotcheck:plan-detail", plan.pk)
    return render(request, "spotcheck/plan_form.html", {"form": form, "plan": plan})


@role_required(*OFFICERS)
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    plan = get_for_user_or_404(user, Plan.objects, pk=pk)
    if request.method != "POST":
        return redirect("spotcheck:plan-detail", plan.pk)
    try:
        plans.delete_plan(actor=user, plan=plan, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("spotcheck:plan-detail", plan.pk)
    messages.success(request, _("Draft plan deleted."))
    return redirect("spotcheck:plan-list")


@role_required(*OFFICERS)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for_user_or_404(_user(request), Plan.objects, pk=pk)
    tasks = plan.tasks.select_related("enterprise", "lab").prefetch_related("inspectors")
    history = AuditEntry.objects.filter(target_type="spotcheck.plan", target_id=str(plan.pk))
    context = {
        "plan": plan,
        "tasks": tasks,
        "publish_form": PublishForm(),
        "weights": drawing.RISK_WEIGHTS,
        "history": history.order_by("-seq"),
        "samples": {s.task_id: s for s in Sample.objects.filter(task__plan=plan)},
        "not_sampled": {n.task_id: n for n in NotSampled.objects.filter(task__plan=plan)},
    }
    return render(request, "spotcheck/plan_detail.html", context)


@role_required(*OFFICERS)
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    plan = get_for_user_or_404(user, Plan.objects, pk=pk)
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
    plan = get_for_user_or_404(user, Plan.objects, pk=pk)
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


PUBLIC_PER_PAGE = 50


def public_plans(request: HttpRequest) -> HttpResponse:
    """No login: every plan whose draw inputs are published, by region and year, with its
    draw page and a link to the portal's published results (双随机、一公开). Drafts and
    anything not yet public stay out."""
    rows = Plan.objects.exclude(status=Plan.Status.DRAFT).select_related("division")
    region = request.GET.get("region", "").strip()
    if region and region.isdigit() and len(region) in (2, 4, 6):
        rows = rows.filter(in_scope("division_id", region))
    else:
        region = ""
    year = request.GET.get("year", "").strip()
    if year.isdigit():
        rows = rows.filter(year=int(year))
    else:
        year = ""
    provinces = Division.objects.filter(
        level=Division.Level.PROVINCE,
        code__in={
            f"{code[:2]}0000"
            for code in Plan.objects.exclude(status="draft").values_list("division_id", flat=True)
        },
    ).order_by("code")
    years = sorted(
        set(Plan.objects.exclude(status="draft").values_list("year", flat=True)), reverse=True
    )
    paginator: Paginator[Plan] = Paginator(
        rows.order_by("-year", "division_id", "-pk"), PUBLIC_PER_PAGE
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    entries = [(plan, scope_prefix(plan.division_id, plan.division.level)) for plan in page_obj]
    query = "&".join(f"{k}={v}" for k, v in (("region", region), ("year", year)) if v)
    context = {
        "page_obj": page_obj,
        "entries": entries,
        "region": region,
        "year": year,
        "provinces": provinces,
        "years": years,
        "querystring": f"{query}&" if query else "",
    }
    return render(request, "spotcheck/public_plans.html", context)


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


def draw_test_vectors(request: HttpRequest) -> HttpResponse:
    """The published test vectors of the draw algorithm, for anyone reimplementing it."""
    body = (Path(drawing.__file__).parent / "data" / "draw_vectors.json").read_bytes()
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="draw-test-vectors.json"'
    return response
