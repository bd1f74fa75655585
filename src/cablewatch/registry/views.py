from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cablewatch.base.access import get_for_user_or_404, registry_required, signed_in_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import AuditEntry, Division, Role, User
from cablewatch.base.models.regions import in_region
from cablewatch.registry import services
from cablewatch.registry.forms import (
    CertificateForm,
    CertificateStatusForm,
    EnterpriseForm,
    ProductForm,
    apply_domain_error,
)
from cablewatch.registry.models import Certificate, Enterprise

EDITORS = (Role.SUPERVISION, Role.ADMIN)
CERT_EDITORS = (Role.CERTIFICATION, Role.SUPERVISION, Role.ADMIN)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _page(request: HttpRequest, queryset: object, per_page: int = 25) -> dict[str, object]:
    paginator: Paginator[Any] = Paginator(queryset, per_page)  # type: ignore[arg-type]
    params = request.GET.copy()
    params.pop("page", None)
    query = urlencode(params, doseq=True)
    return {
        "page_obj": paginator.get_page(request.GET.get("page")),
        "querystring": f"{query}&" if query else "",
    }


@registry_required
def enterprise_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    enterprises = Enterprise.objects.for_user(user).select_related("division")
    q = request.GET.get("q", "").strip()
    if q:
        enterprises = enterprises.search(q)
    division = request.GET.get("division", "").strip()
    if Division.objects.filter(code=division).exists():
        enterprises = enterprises.filter(in_region("division_id", division))
    kind = request.GET.get("kind", "")
    if kind in Enterprise.Kind.values:
        enterprises = enterprises.filter(kind=kind)
    divisions = Division.objects.filter(user.region_filter("code")).exclude(level="county")
    context = {
        **_page(request, enterprises.order_by("name", "pk")),
        "q": q,
        "division": division,
        "kind": kind,
        "divisions": divisions,
        "kinds": Enterprise.Kind.choices,
        "can_edit": user.has_role(*EDITORS),
    }
    return render(request, "registry/enterprise_list.html", context)


@signed_in_required
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    enterprise = get_for_user_or_404(user, Enterprise.objects.select_related("division"), pk=pk)
    history = AuditEntry.objects.none()
    if user.is_staff_user:
        history = AuditEntry.objects.for_target("registry.enterprise", str(pk))[:50]
    context = {
        "enterprise": enterprise,
        "former_names": enterprise.former_names.all(),
        "certificates": enterprise.certificates.order_by("kind", "-expires_on"),
        "products": enterprise.products.all(),
        "history": history,
        "can_edit": user.has_role(*EDITORS),
        "can_edit_certificates": user.has_role(*CERT_EDITORS),
    }
    return render(request, "registry/enterprise_detail.html", context)


@registry_required
def enterprise_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user.has_role(*EDITORS):
        return _forbidden(request)
    form = EnterpriseForm(request.POST or None, division_scope=user.region_prefix or "")
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.create_enterprise(
                actor=user, data=form.cleaned_data, reason=form.cleaned_data.get("reason", "")
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("The enterprise was registered."))
            return redirect("registry:enterprise-detail", pk=enterprise.pk)
    return render(request, "registry/enterprise_form.html", {"form": form, "creating": True})


@registry_required
def enterprise_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    enterprise = get_for_user_or_404(user, Enterprise.objects, pk=pk)
    if not user.has_role(*EDITORS):
        return _forbidden(request)
    form = EnterpriseForm(
        request.POST or None, instance=enterprise, division_scope=user.region_prefix or ""
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        try:
            services.update_enterprise(
                actor=user,
                enterprise=Enterprise.objects.get(pk=pk),
                data=data,
                reason=form.cleaned_data.get("reason", ""),
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("registry:enterprise-detail", pk=pk)
    context = {"form": form, "creating": False, "enterprise": enterprise}
    return render(request, "registry/enterprise_form.html", context)


@registry_required
def certificate_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    holder = get_for_user_or_404(user, Enterprise.objects, pk=pk)
    if not user.has_role(*CERT_EDITORS):
        return _forbidden(request)
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_certificate(actor=user, holder=holder, data=form.cleaned_data)
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("The certificate was recorded."))
            return redirect("registry:enterprise-detail", pk=pk)
    return render(request, "registry/certificate_form.html", {"form": form, "holder": holder})


@registry_required
def certificate_list(request: HttpRequest) -> HttpResponse:
    certificates = Certificate.objects.for_user(_user(request)).select_related("holder")
    status = request.GET.get("status", "")
    if status in Certificate.Status.values:
        certificates = certificates.filter(status=status)
    kind = request.GET.get("kind", "")
    if kind in Certificate.Kind.values:
        certificates = certificates.filter(kind=kind)
    q = request.GET.get("q", "").strip()
    if q:
        certificates = certificates.filter(number__icontains=q)
    context = {
        **_page(request, certificates.order_by("kind", "number")),
        "status": status,
        "kind": kind,
        "q": q,
        "statuses": Certificate.Status.choices,
        "kinds": Certificate.Kind.choices,
    }
    return render(request, "registry/certificate_list.html", context)


@signed_in_required
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    certificate = get_for_user_or_404(user, Certificate.objects.select_related("holder"), pk=pk)
    can_change = user.has_role(*CERT_EDITORS)
    form = CertificateStatusForm(request.POST or None) if can_change else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.change_certificate_status(
                actor=user, certificate=certificate, **form.cleaned_data
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("The status was changed."))
            return redirect("registry:certificate-detail", pk=pk)
    history = AuditEntry.objects.none()
    if user.is_staff_user:
        history = AuditEntry.objects.for_target("registry.certificate", str(pk))[:50]
    context = {
        "certificate": certificate,
        "changes": certificate.status_changes.all(),
        "form": form,
        "history": history,
    }
    return render(request, "registry/certificate_detail.html", context)


@registry_required
def product_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    enterprise = get_for_user_or_404(user, Enterprise.objects, pk=pk)
    if not user.has_role(*EDITORS):
        return _forbidden(request)
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_product(actor=user, enterprise=enterprise, **form.cleaned_data)
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("The product was added."))
            return redirect("registry:enterprise-detail", pk=pk)
    return render(request, "registry/product_form.html", {"form": form, "enterprise": enterprise})


def _forbidden(request: HttpRequest) -> HttpResponse:
    """In scope but not allowed to change: say so plainly (existence is already known)."""
    return render(request, "registry/forbidden.html", status=403)
