"""/api/v1/enterprises, /certificates, /products: the registry, scoped like the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from cablewatch.api.pagination import page
from cablewatch.api.problems import InvalidInputError
from cablewatch.api.types import Int64, api_enum, division_filter
from cablewatch.base.access import get_for_user_or_404
from cablewatch.base.errors import DomainError, PermissionDeniedError
from cablewatch.base.models import AuditEntry, Division, Role, User
from cablewatch.registry import services
from cablewatch.registry.models import Certificate, Enterprise, Product

PREFIX = ""
router = Router(tags=["registry"])

EDITORS = (Role.SUPERVISION, Role.ADMIN)
CERT_EDITORS = (Role.CERTIFICATION, Role.SUPERVISION, Role.ADMIN)

EnterpriseKind = api_enum("EnterpriseKind", Enterprise.Kind)
EnterpriseStatus = api_enum("EnterpriseStatus", Enterprise.Status)
CertificateKind = api_enum("CertificateKind", Certificate.Kind)
CertificateStatus = api_enum("CertificateStatus", Certificate.Status)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _require(user: User, roles: tuple[str, ...]) -> None:
    if not user.has_role(*roles):
        raise PermissionDeniedError("your role does not allow this change", code="forbidden")


class EnterpriseIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    credit_code: str | None = Field(default=None, max_length=40)
    kind: EnterpriseKind  # type: ignore[valid-type]
    address: str = Field(default="", max_length=255)
    division: str = Field(pattern=r"^\d{6}$", description="GB/T 2260 six-digit code")
    status: EnterpriseStatus = EnterpriseStatus(Enterprise.Status.ACTIVE.value)  # type: ignore[valid-type]
    legal_representative: str = Field(default="", max_length=64)
    reason: str = Field(default="", max_length=255)


class EnterprisePatch(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    credit_code: str | None = Field(default=None, max_length=40)
    kind: EnterpriseKind | None = None  # type: ignore[valid-type]
    address: str | None = Field(default=None, max_length=255)
    division: str | None = Field(default=None, pattern=r"^\d{6}$")
    status: EnterpriseStatus | None = None  # type: ignore[valid-type]
    legal_representative: str | None = Field(default=None, max_length=64)
    reason: str = Field(default="", max_length=255)


NULLABLE = {"credit_code"}  # the only field of an enterprise that may be cleared


def enterprise_out(e: Enterprise) -> dict[str, Any]:
    return {
        "id": e.pk,
        "name": e.name,
        "former_names": [n.name for n in e.former_names.all()],
        "credit_code": e.credit_code,
        "kind": e.kind,
        "address": e.address,
        "division": e.division_id,
        "status": e.status,
        "legal_representative": e.legal_representative,
        "updated": e.updated.isoformat(),
    }


def _division_in_scope(user: User, code: str) -> Division:
    division = Division.objects.filter(code=code).first()
    if division is None:
        raise DomainError("unknown division code", field="division")
    if not user.sees_division(code):
        raise DomainError("division is outside your region", field="division")
    return division


@router.get("/enterprises", summary="List and search enterprises in your scope")
def list_enterprises(
    request: HttpRequest,
    *,
    q: str = "",
    division: str = "",
    kind: str = "",
    cursor: str | None = None,
    limit: Int64 | None = None,
) -> dict[str, Any]:
    rows = Enterprise.objects.for_user(_user(request)).prefetch_related("former_names")
    if q:
        rows = rows.search(q)
    if division:
        rows = division_filter(rows, "division_id", division)
    if kind:
        if kind not in Enterprise.Kind.values:
            raise DomainError(f"must be one of {', '.join(Enterprise.Kind.values)}", field="kind")
        rows = rows.filter(kind=kind)
    return page(rows, cursor=cursor, limit=limit, render=enterprise_out)


@router.post("/enterprises", response={201: dict}, summary="Register an enterprise")
def create_enterprise(request: HttpRequest, payload: EnterpriseIn) -> Status[dict[str, Any]]:
    user = _user(request)
    _require(user, EDITORS)
    data = payload.dict()
    data["division"] = _division_in_scope(user, payload.division)
    enterprise = services.create_enterprise(actor=user, data=data, reason=payload.reason)
    return Status(201, enterprise_out(enterprise))


@router.get("/enterprises/{pk}", summary="One enterprise")
def get_enterprise(request: HttpRequest, pk: Int64) -> dict[str, Any]:
    return enterprise_out(get_for_user_or_404(_user(request), Enterprise.objects, pk=pk))


@router.patch("/enterprises/{pk}", summary="Change an enterprise (a new name keeps the old one)")
def patch_enterprise(request: HttpRequest, pk: int, payload: EnterprisePatch) -> dict[str, Any]:
    user = _user(request)
    enterprise = get_for_user_or_404(user, Enterprise.objects, pk=pk)
    _require(user, EDITORS)
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason", "")
    for name, value in data.items():
        if value is None and name not in NULLABLE:
            raise InvalidInputError("may not be null (leave the field out to keep it)", field=name)
    if "division" in data:
        data["division"] = _division_in_scope(user, data["division"])
    enterprise = services.update_enterprise(
        actor=user, enterprise=enterprise, data=data, reason=reason
    )
    return enterprise_out(Enterprise.objects.get(pk=enterprise.pk))


@router.get("/enterprises/{pk}/history", summary="Audit trail of one enterprise")
def enterprise_history(request: HttpRequest, pk: Int64) -> list[dict[str, Any]]:
    user = _user(request)
    get_for_user_or_404(user, Enterprise.objects, pk=pk)
    if not user.is_staff_user:
        raise PermissionDeniedError("only regulator staff see the audit trail", code="forbidden")
    return [audit_out(e) for e in AuditEntry.objects.for_target("registry.enterprise", str(pk))]


def audit_out(e: AuditEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at.isoformat(),
        "actor": e.actor_label,
        "action": e.action,
        "before": e.before,
        "after": e.after,
        "reason": e.reason,
        "hash": e.hash,
    }


class CertificateIn(Schema):
    holder: Int64
    kind: CertificateKind  # type: ignore[valid-type]
    number: str = Field(min_length=1, max_length=64)
    product_scope: str = Field(min_length=1, max_length=255)
    issued_on: dt.date
    expires_on: dt.date
    issuer: str = Field(min_length=1, max_length=128)


class StatusChangeIn(Schema):
    to_status: CertificateStatus  # type: ignore[valid-type]
    changed_on: dt.date
    reason: str = Field(min_length=1, max_length=255)


def certificate_out(c: Certificate) -> dict[str, Any]:
    return {
        "id": c.pk,
        "kind": c.kind,
        "number": c.number,
        "holder": c.holder_id,
        "product_scope": c.product_scope,
        "issued_on": c.issued_on.isoformat(),
        "expires_on": c.expires_on.isoformat(),
        "issuer": c.issuer,
        "status": c.status,
        "effective_status": c.effective_status(),
        "status_changed_on": c.status_changed_on.isoformat() if c.status_changed_on else None,
        "status_reason": c.status_reason,
    }


@router.get("/certificates", summary="Licences and CCC certificates in your scope")
def list_certificates(
    request: HttpRequest,
    holder: Int64 | None = None,
    status: str = "",
    cursor: str | None = None,
    limit: Int64 | None = None,
) -> dict[str, Any]:
    rows = Certificate.objects.for_user(_user(request))
    if holder is not None:
        rows = rows.filter(holder_id=holder)
    if status:
        if status not in Certificate.Status.values:
            raise DomainError(
                f"must be one of {', '.join(Certificate.Status.values)}", field="status"
            )
        rows = rows.filter(status=status)
    return page(rows, cursor=cursor, limit=limit, render=certificate_out)


@router.post("/certificates", response={201: dict}, summary="Record a licence or certificate")
def create_certificate(request: HttpRequest, payload: CertificateIn) -> Status[dict[str, Any]]:
    user = _user(request)
    holder = Enterprise.objects.for_user(user).filter(pk=payload.holder).first()
    if holder is None:
        raise DomainError("no such enterprise in your scope", field="holder")
    _require(user, CERT_EDITORS)
    data = payload.dict(exclude={"holder"})
    return Status(
        201, certificate_out(services.add_certificate(actor=user, holder=holder, data=data))
    )


@router.get("/certificates/{pk}", summary="One certificate")
def get_certificate(request: HttpRequest, pk: Int64) -> dict[str, Any]:
    user = _user(request)
    return certificate_out(get_for_user_or_404(user, Certificate.objects, pk=pk))


@router.post("/certificates/{pk}/status", summary="Suspend, revoke or reinstate")
def change_status(request: HttpRequest, pk: int, payload: StatusChangeIn) -> dict[str, Any]:
    user = _user(request)
    certificate = get_for_user_or_404(user, Certificate.objects, pk=pk)
    _require(user, CERT_EDITORS)
    certificate = services.change_certificate_status(
        actor=user, certificate=certificate, **payload.dict()
    )
    return certificate_out(certificate)


class ProductIn(Schema):
    enterprise: Int64
    designation: str = Field(min_length=1, max_length=128)
    brand: str = Field(default="", max_length=64)


def product_out(p: Product) -> dict[str, Any]:
    return {
        "id": p.pk,
        "enterprise": p.enterprise_id,
        "designation": p.designation,
        "brand": p.brand,
        "family": p.family,
        "parsed": p.parsed,
    }


@router.get("/products", summary="Products in your scope")
def list_products(
    request: HttpRequest,
    enterprise: Int64 | None = None,
    cursor: str | None = None,
    limit: Int64 | None = None,
) -> dict[str, Any]:
    rows = Product.objects.for_user(_user(request))
    if enterprise is not None:
        rows = rows.filter(enterprise_id=enterprise)
    return page(rows, cursor=cursor, limit=limit, render=product_out)


@router.post("/products", response={201: dict}, summary="Add a product")
def create_product(request: HttpRequest, payload: ProductIn) -> Status[dict[str, Any]]:
    user = _user(request)
    enterprise = get_object_or_404(Enterprise.objects.for_user(user), pk=payload.enterprise)
    _require(user, EDITORS)
    product = services.add_product(
        actor=user, enterprise=enterprise, designation=payload.designation, brand=payload.brand
    )
    return Status(201, product_out(product))
