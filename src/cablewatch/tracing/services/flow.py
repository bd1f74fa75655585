"""Movements of cable and the balances they keep: made, shipped, installed.

Each function changes the movement log and the holdings in one transaction. Taking
from a stock is one conditional UPDATE (balance >= length): it takes the row lock that
select_for_update would, and makes check and change one step, so two shipments from one
stock cannot both pass the quantity check. Audit entries are written by the callers that act for a
person (pages, API, one per imported document), not per movement: the audit chain is
a single serialised head and a province's EPCIS feed has millions of movements.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from cablewatch import standards
from cablewatch.base.errors import DomainError
from cablewatch.registry.models import Enterprise
from cablewatch.tracing.models import Batch, Holding, Installation, Location, Movement, Party

ZERO = Decimal("0")


MAX_METRES = Decimal(10**9)  # a million kilometres: beyond any batch, within the column


def metres(value: Any) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(_("The length is not a number."), field="length_m") from exc
    if not number.is_finite() or number <= 0:
        raise DomainError(
            _("The length must be more than zero (got %(value)s).") % {"value": value},
            field="length_m",
        )
    if number > MAX_METRES:
        raise DomainError(
            _("The length must be at most %(most)s m (got %(value)s).")
            % {"most": MAX_METRES, "value": value},
            field="length_m",
        )
    return number.quantize(Decimal("0.001"))


def party_for(identifier: str, *, name: str = "", enterprise: Enterprise | None = None) -> Party:
    identifier = identifier.strip()
    if not identifier:
        raise DomainError(_("A party identifier is required."), field="party")
    party, created = Party.objects.get_or_create(
        identifier=identifier, defaults={"name": name, "enterprise": enterprise}
    )
    if not created and enterprise is not None and party.enterprise_id is None:
        party.enterprise = enterprise
        party.save(update_fields=["enterprise"])
    return party


def parse_designation(text: str) -> tuple[str, str]:
    """(canonical designation, family); the text as given when the engine cannot read it."""
    text = text.strip()
    if not text:
        return "", ""
    try:
        parsed = standards.parse_designation(text)
    except standards.StandardsError:
        return text, ""
    return standards.format_designation(parsed), str(parsed.to_json().get("family", ""))


@transaction.atomic
def commission(
    *,
    class_id: str,
    maker: Party,
    length_m: Any,
    moved_at: dt.datetime,
    designation: str = "",
    batch_number: str = "",
    production_date: dt.date | None = None,
    event_id: str | None = None,
) -> Batch:
    """A maker makes a batch: the batch record and the maker's first holding."""
    length = metres(length_m)
    if Batch.objects.filter(class_id=class_id).exists():
        raise DomainError(
            _("Batch %(id)s is already recorded.") % {"id": class_id}, field="class_id"
        )
    canonical, family = parse_designation(designation)
    batch = Batch.objects.create(
        class_id=class_id,
        maker=maker,
        enterprise=maker.enterprise,
        designation=canonical,
        designation_raw=designation.strip(),
        family=family,
        batch_number=batch_number or class_id.rsplit(".", 1)[-1],
        production_date=production_date,
        length_m=length,
    )
    Movement.objects.create(
        batch=batch,
        kind=Movement.Kind.COMMISSION,
        to_party=maker,
        length_m=length,
        moved_at=moved_at,
        event_id=event_id,
    )
    Holding.objects.create(batch=batch, party=maker, received_m=length, balance_m=length)
    return batch


def _take(batch: Batch, party: Party, length: Decimal) -> None:
    """Take `length` from `party`'s stock of `batch`, refusing more than it holds.

    One conditional UPDATE: the row lock it takes serialises concurrent takers, and the
    balance condition makes the check and the change one step."""
    taken = Holding.objects.filter(batch=batch, party=party, balance_m__gte=length).update(
        balance_m=F("balance_m") - length
    )
    if taken:
        return
    held = (
        Holding.objects.select_for_update()
        .filter(batch=batch, party=party)
        .values_list("balance_m", flat=True)
        .first()
    ) or ZERO
    raise DomainError(
        _("%(party)s holds %(held)s m of batch %(batch)s and cannot pass on %(length)s m.")
        % {
            "party": party.identifier,
            "held": _fmt(held),
            "batch": batch.class_id,
            "length": _fmt(length),
        },
        field="length_m",
        code="over_quantity",
    )


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _give(batch: Batch, party: Party, length: Decimal) -> None:
    added = Holding.objects.filter(batch=batch, party=party).update(
        balance_m=F("balance_m") + length, received_m=F("received_m") + length
    )
    if added:
        return
    _holding, created = Holding.objects.get_or_create(
        batch=batch, party=party, defaults={"balance_m": length, "received_m": length}
    )
    if not created:  # another transaction made the row first
        _give(batch, party, length)


@transaction.atomic
def ship(
    *,
    batch: Batch,
    from_party: Party,
    to_party: Party,
    length_m: Any,
    moved_at: dt.datetime,
    event_id: str | None = None,
    received: bool = False,
) -> Movement:
    length = metres(length_m)
    if from_party.pk == to_party.pk:
        raise DomainError(_("A party cannot ship to itself."), field="to_party")
    _take(batch, from_party, length)
    _give(batch, to_party, length)
    return Movement.objects.create(
        batch=batch,
        kind=Movement.Kind.SHIP,
        from_party=from_party,
        to_party=to_party,
        length_m=length,
        moved_at=moved_at,
        event_id=event_id,
        received_at=moved_at if received else None,
        by_receipt=received,
    )


@transaction.atomic
def install(
    *,
    batch: Batch,
    from_party: Party,
    location: Location,
    length_m: Any,
    moved_at: dt.datetime,
    event_id: str | None = None,
) -> Installation:
    length = metres(length_m)
    _take(batch, from_party, length)
    movement = Movement.objects.create(
        batch=batch,
        kind=Movement.Kind.INSTALL,
        from_party=from_party,
        location=location,
        length_m=length,
        moved_at=moved_at,
        event_id=event_id,
    )
    return Installation.objects.create(
        batch=batch,
        location=location,
        installer=from_party,
        movement=movement,
        length_m=length,
        installed_at=moved_at,
    )


def location_for(identifier: str) -> Location:
    identifier = identifier.strip()
    if not identifier:
        raise DomainError(_("An installation place is required."), field="location")
    location, _created = Location.objects.get_or_create(identifier=identifier)
    return location
