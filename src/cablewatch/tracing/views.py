"""Tracing pages: find batches, where they went (table, flow chart, CSV), the path back
from an installation, projects, and imports. Staff see every batch (cable crosses
regions); projects are scoped by region, and a project owner sees its own."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cablewatch.base.access import (
    capability_required,
    get_for_user_or_404,
    role_required,
    signed_in_required,
)
from cablewatch.base.errors import DomainError
from cablewatch.base.models import Capability, Division, Role, User
from cablewatch.lib.downloads import attach
from cablewatch.lib.sheets import csv_writer
from cablewatch.registry.models import Enterprise
from cablewatch.tracing.csvimport import row_to_event, rows_to_events
from cablewatch.tracing.forms import ImportForm, MovementForm, PlaceForm, ProjectForm
from cablewatch.tracing.models import Batch, Installation, Project
from cablewatch.tracing.queries import (
    WhereUsed,
    batches_matching,
    flow_edges,
    path_back,
    where_used,
)
from cablewatch.tracing.services import epcis, projects
from cablewatch.tracing.services.export import export_batches
from cablewatch.tracing.svg import render_flow

IMPORTERS = (Role.SUPERVISION, Role.ADMIN)
MAX_BATCHES = 500
# Batches, where-used, CSV and EPCIS name makers and holders: never for the labs.
trace_required = capability_required(Capability.TRACE)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _criteria(request: HttpRequest) -> dict[str, Any]:
    get = request.GET
    return {
        "q": get.get("q", "").strip(),
        "enterprise": get.get("enterprise", "").strip(),
        "designation": get.get("designation", "").strip(),
        "produced_from": parse_date(get.get("produced_from", "").strip() or "x"),
        "produced_to": parse_date(get.get("produced_to", "").strip() or "x"),
    }


def _search(criteria: dict[str, Any]) -> Any:
    enterprise_id = None
    if criteria["enterprise"]:
        found = Enterprise.objects.search(criteria["enterprise"]).values_list("pk", flat=True)
        enterprise_id = found[0] if found else -1
    batches = batches_matching(
        enterprise_id=enterprise_id,
        designation=criteria["designation"],
        produced_from=criteria["produced_from"],
        produced_to=criteria["produced_to"],
    )
    if criteria["q"]:
        q = criteria["q"]
        batches = batches.filter(class_id=q) | batches.filter(batch_number=q)
    return batches.select_related("enterprise", "maker")


@trace_required
def batch_list(request: HttpRequest) -> HttpResponse:
    criteria = _criteria(request)
    searched = any(criteria.values())
    batches = list(_search(criteria)[:MAX_BATCHES]) if searched else []
    used = where_used([b.pk for b in batches]) if batches else None
    if used is not None and request.GET.get("format") == "csv":
        return _csv(used, "where-used.csv")
    context = {
        "criteria": criteria,
        "searched": searched,
        "batches": batches,
        "used": used,
        "limit": MAX_BATCHES,
        "query": request.GET.urlencode(),
    }
    return render(request, "tracing/batch_list.html", context)


@trace_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_for_user_or_404(
        _user(request), Batch.objects.select_related("maker", "enterprise"), pk=pk
    )
    used = where_used([batch.pk])
    if request.GET.get("format") == "csv":
        return _csv(used, f"where-used-{batch.pk}.csv")
    context = {
        "batch": batch,
        "used": used,
        "svg": _flow_svg(batch, used),
        "recalls": batch.recalls.all(),
    }
    return render(request, "tracing/batch_detail.html", context)


@trace_required
def batch_flow_svg(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_for_user_or_404(_user(request), Batch.objects.select_related("maker"), pk=pk)
    return HttpResponse(_flow_svg(batch, where_used([batch.pk])), content_type="image/svg+xml")


@trace_required
def batch_epcis(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_for_user_or_404(_user(request), Batch.objects.select_related("maker"), pk=pk)
    response = JsonResponse(export_batches([batch]), json_dumps_params={"ensure_ascii": False})
    attach(response, f"batch-{batch.pk}.epcis.json")
    return response


def _flow_svg(batch: Batch, used: WhereUsed) -> str:
    names = {h.party.identifier: h.party.name for h in used.holdings if h.party.name}
    places = {i.location.identifier for i in used.installations}
    for inst in used.installations:
        if inst.location.project:
            names[inst.location.identifier] = str(inst.location)
    return render_flow(batch.maker.identifier, flow_edges(batch), names, places)


def _csv(used: WhereUsed, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    attach(response, filename)
    response.write("\ufeff")
    writer = csv_writer(response)
    writer.writerow([_("kind"), _("batch"), _("party or place"), _("project"), _("length (m)")])
    for inst in used.installations:
        project = inst.location.project
        writer.writerow(
            [
                _("installed"),
                inst.batch.class_id,
                inst.location.identifier,
                project.name if project else "",
                inst.length_m,
            ]
        )
    for held in used.holdings:
        writer.writerow([_("held"), held.batch.class_id, held.party.identifier, "", held.balance_m])
    return response


@signed_in_required
def installation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    installations = Installation.objects.select_related("batch__maker", "location__project")
    inst = get_for_user_or_404(user, installations, pk=pk)
    return render(
        request,
        "tracing/installation_detail.html",
        {"inst": inst, "path": path_back(inst), "staff": user.is_staff_user},
    )


@signed_in_required
def project_list(request: HttpRequest) -> HttpResponse:
    projects = Project.objects.for_user(_user(request)).select_related("division", "owner")
    context = {"projects": projects[:500], "can_edit": _user(request).has_role(*IMPORTERS)}
    return render(request, "tracing/project_list.html", context)


@signed_in_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    project = get_for_user_or_404(user, Project.objects.select_related("owner"), pk=pk)
    installations = Installation.objects.filter(location__project=project).select_related(
        "batch", "location"
    )
    context = {
        "project": project,
        "installations": installations,
        "can_edit": user.has_role(*IMPORTERS),
        "place_form": PlaceForm(),
    }
    return render(request, "tracing/project_detail.html", context)


@role_required(*IMPORTERS)
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload an EPCIS document or CSV file, or type in one movement."""
    user = _user(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    movement = MovementForm(request.POST or None, prefix="m")
    events = None
    if request.method == "POST" and request.POST.get("m-kind"):
        form = ImportForm()
        if movement.is_valid():
            events = [row_to_event(movement.as_row())]
    elif request.method == "POST":
        movement = MovementForm(prefix="m")
        events = _uploaded_events(form) if form.is_valid() else None
    result = None
    if events is not None:
        name = form.cleaned_data["file"].name if form.is_bound else "page"
        result = epcis.import_events(events, actor=user, document_name=name)
        messages.success(
            request,
            _("%(n)d of %(total)d events imported.")
            % {"n": result.imported, "total": result.events_read},
        )
    return render(
        request, "tracing/import.html", {"form": form, "movement": movement, "result": result}
    )


def _uploaded_events(form: ImportForm) -> list[Any] | None:
    upload = form.cleaned_data["file"]
    try:
        text = upload.read().decode("utf-8-sig")
        if upload.name.lower().endswith(".csv"):
            return rows_to_events(text)
        return epcis.load_document(text)
    except (UnicodeDecodeError, DomainError) as exc:
        form.add_error("file", getattr(exc, "message", None) or _("Not UTF-8 text."))
        return None


@role_required(*IMPORTERS)
def project_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    divisions = Division.objects.filter(user.region_filter("code"))
    form = ProjectForm(request.POST or None, divisions=divisions)
    if request.method == "POST" and form.is_valid():
        project = projects.create_project(actor=user, data=form.cleaned_data)
        return redirect("tracing:project-detail", project.pk)
    return render(request, "tracing/project_form.html", {"form": form})


@require_POST
@role_required(*IMPORTERS)
def project_place(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    project = get_for_user_or_404(user, Project.objects, pk=pk)
    form = PlaceForm(request.POST)
    if form.is_valid():
        projects.place_in_project(
            actor=user,
            identifier=form.cleaned_data["identifier"],
            project=project,
            place=form.cleaned_data["place"],
        )
        messages.success(request, _("The place now belongs to this project."))
    return redirect("tracing:project-detail", project.pk)
