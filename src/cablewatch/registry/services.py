"""Every change to the registry goes through these functions: each runs in one
transaction, saves only the fields it changes and writes the audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.audit import changed, record_change, snapshot
from cablewatch.base.errors import DomainError
from cablewatch.base.events import Event, publish
from cablewatch.base.models import User
from cablewatch.registry.designations import parse_for_registry
from cablewatch.registry.models import (
    Certificate,
    CertificateStatusChange,
    Enterprise,
    EnterpriseName,
    Product,
)
from cablewatch.registry.validators import clean_credit_code

ENTERPRISE_FIELDS = (
    "name",
    "credit_code",
    "kind",
    "address",
    "division",
    "status",
    "legal_representative",
)


@transaction.atomic
def create_enterprise(*, actor: User | None, data: dict[str, Any], reason: str = "") -> Enterprise:
    """Register an enterprise. `data` holds ENTERPRISE_FIELDS (division as a Division)."""
    values = {k: v for k, v in data.items() if k in ENTERPRISE_FIELDS}
    if values.get("credit_code"):
        values["credit_code"] = clean_credit_code(values["credit_code"])
        _ensure_code_free(values["credit_code"], None)
    else:
        values["credit_code"] = None
    enterprise = Enterprise(**values)
    enterprise.save(force_insert=True)
    record_change(
        actor=actor,
        action="registry.enterprise.created",
        target=enterprise,
        after=snapshot(enterprise, ENTERPRISE_FIELDS),
        reason=reason,
        division_code=enterprise.division_id,
    )
    return enterprise


@transaction.atomic
def update_enterprise(
    *,
    actor: User | None,
    enterprise: Enterprise,
    data: dict[str, Any],
    reason: str = "",
    renamed_on: dt.date | None = None,
) -> Enterprise:
    """Change fields of an enterprise; a new name keeps the old one as a former name."""
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    before = snapshot(enterprise, ENTERPRISE_FIELDS)
    old_name = enterprise.name
    for key, raw in data.items():
        if key not in ENTERPRISE_FIELDS:
            continue
        value = raw
        if key == "credit_code":
            value = clean_credit_code(raw) if raw else None
            if value:
                _ensure_code_free(value, enterprise.pk)
        setattr(enterprise, key, value)
    after = snapshot(enterprise, ENTERPRISE_FIELDS)
    old, new = changed(before, after)
    if not new:
        return enterprise
    enterprise.save(update_fields=[*new.keys(), "updated"])
    if "name" in new and old_name:
        EnterpriseName.objects.create(
            enterprise=enterprise, name=old_name, used_until=renamed_on or timezone.localdate()
        )
    record_change(
        actor=actor,
        action="registry.enterprise.changed",
        target=enterprise,
        before=old,
        after=new,
        reason=reason,
        division_code=enterprise.division_id,
    )
    return enterprise


def _ensure_code_free(code: str, own_pk: int | None) -> None:
    clash = Enterprise.objects.filter(credit_code=code)
    if own_pk is not None:
        clash = clash.exclude(pk=own_pk)
    if clash.exists():
        raise DomainError(
            _("An enterprise with this credit code is already registered."),
            field="credit_code",
            code="duplicate",
        )


CERTIFICATE_FIELDS = (
    "kind",
    "number",
    "holder",
    "product_scope",
    "issued_on",
    "expires_on",
    "issuer",
    "status",
)


@transaction.atomic
def add_certificate(
    *, actor: User | None, holder: Enterprise, data: dict[str, Any], reason: str = ""
) -> Certificate:
    values = {k: v for k, v in data.items() if k in CERTIFICATE_FIELDS and k != "holder"}
    if values["expires_on"] < values["issued_on"]:
        raise DomainError(
            _("The expiry date must not be before the issue date."), field="expires_on"
        )
    if Certificate.objects.filter(kind=values["kind"], number=values["number"]).exists():
        raise DomainError(
            _("A certificate of this kind with this number already exists."),
            field="number",
            code="duplicate",
        )
    certificate = Certificate(holder=holder, **values)
    certificate.save(force_insert=True)
    record_change(
        actor=actor,
        action="registry.certificate.created",
        target=certificate,
        after=snapshot(certificate, CERTIFICATE_FIELDS),
        reason=reason,
        division_code=holder.division_id,
    )
    return certificate


@transaction.atomic
def change_certificate_status(
    *,
    actor: User | None,
    certificate: Certificate,
    to_status: str,
    changed_on: dt.date,
    reason: str,
) -> Certificate:
    """Suspend, revoke, reinstate or expire a certificate; the reason is required."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if to_status not in Certificate.Status.values:
        raise DomainError(_("Unknown status."), field="to_status")
    if not reason.strip():
        raise DomainError(_("A reason is required for a status change."), field="reason")
    if to_status == certificate.status:
        raise DomainError(_("The certificate already has this status."), field="to_status")
    if certificate.status == Certificate.Status.REVOKED:
        raise DomainError(_("A revoked certificate cannot change status."), field="to_status")
    from_status = certificate.status
    certificate.status, certificate.status_changed_on = to_status, changed_on
    certificate.status_reason = reason.strip()[:255]
    certificate.save(update_fields=["status", "status_changed_on", "status_reason"])
    CertificateStatusChange.objects.create(
        certificate=certificate,
        changed_on=changed_on,
        from_status=from_status,
        to_status=to_status,
        reason=certificate.status_reason,
        actor=actor,
    )
    publish(
        Event(
            "registry.certificate.status_changed",
            {
                "certificate_id": certificate.pk,
                "kind": certificate.kind,
                "number": certificate.number,
                "holder_id": certificate.holder_id,
                "credit_code": certificate.holder.credit_code,
                "from_status": from_status,
                "to_status": to_status,
                "changed_on": changed_on.isoformat(),
                "reason": certificate.status_reason,
            },
            division_code=certificate.holder.division_id,
            actor_id=actor.pk if actor else None,
        )
    )
    record_change(
        actor=actor,
        action="registry.certificate.status_changed",
        target=certificate,
        before={"status": from_status},
        after={"status": to_status, "changed_on": changed_on},
        reason=certificate.status_reason,
        division_code=certificate.holder.division_id,
    )
    return certificate


PRODUCT_FIELDS = ("enterprise", "designation", "brand", "family", "parsed")


@transaction.atomic
def add_product(
    *, actor: User | None, enterprise: Enterprise, designation: str, brand: str = ""
) -> Product:
    designation = " ".join(designation.split())
    if not designation:
        raise DomainError(_("The model designation is required."), field="designation")
    if Product.objects.filter(enterprise=enterprise, designation=designation, brand=brand).exists():
        raise DomainError(
            _("This enterprise already has this product."), field="designation", code="duplicate"
        )
    family, parsed = describe_designation(designation)
    product = Product(
        enterprise=enterprise, designation=designation, brand=brand, family=family, parsed=parsed
    )
    product.save(force_insert=True)
    record_change(
        actor=actor,
        action="registry.product.created",
        target=product,
        after=snapshot(product, PRODUCT_FIELDS),
        division_code=enterprise.division_id,
    )
    return product


def describe_designation(designation: str) -> tuple[str, dict[str, Any] | None]:
    """Family and parsed structure from the standards engine; unparsable text stays as written."""
    return parse_for_registry(designation)
