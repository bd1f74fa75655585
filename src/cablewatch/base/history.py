"""The audit trail as people read it: field labels and values in the user's words.

An entry stores field names and JSON values (keys, ids, ISO dates); a record page shows
each change as (label, before, after) with the models' verbose names, choice labels,
the names of related records and the vocabulary for items, site kinds and labs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from cablewatch.base import vocabulary
from cablewatch.base.models import AuditEntry

# Keys that are not model fields, or fields without a verbose name of their own.
FIELD_LABELS: dict[str, StrOrPromise] = {
    "changed_on": _("changed on"),
    "failed": _("failed items"),
    "failed_items": _("failed items"),
    "places": _("places"),
    "report_number": _("report number"),
    "rows": _("rows"),
    "tasks": _("tasks"),
    "id": _("record number"),
    "lab": _("lab"),
    "enterprise": _("enterprise"),
    "sampled_division": _("division of the sampled unit"),
    "recorded_by": _("recorded by"),
    "status": _("status"),
    "verdict": _("verdict"),
    "severity": _("severity"),
    "final": _("final"),
    "plan_division_id": _("division of the plan"),
    "items": _("disputed items"),
    "parsed": _("designation as understood"),
    "imported": _("imported"),
    "events_read": _("events read"),
    "rejected": _("rejected"),
    "place": _("place"),
    "project": _("project"),
    "owner": _("owner"),
    "holder": _("holder"),
}
# JSON fields whose values are keys of a vocabulary kind.
VALUE_KINDS: dict[str, str] = {
    "failed": "item",
    "failed_items": "item",
    "items": "item",
    "site_kinds": "site_kind",
    "site_kind": "site_kind",
    "labs": "lab",
    "verdict": "verdict",
    "severity": "severity",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T[\d:.]+([+-]\d{2}:\d{2}|Z)?)?$")


def _model(target_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(target_type: str, name: str) -> str:
    field = _field(_model(target_type), name)
    own = getattr(field, "_verbose_name", None)
    if own is not None:
        return capfirst(str(own))
    if name in FIELD_LABELS:
        return capfirst(str(FIELD_LABELS[name]))
    return capfirst(name.replace("_", " "))


def _related(model: type[models.Model], pk: Any) -> str:
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None and model._meta.label_lower == "base.agency":
        return vocabulary.label("lab", pk)
    return str(obj) if obj is not None else str(pk)


def _plan_tasks(value: Any) -> str:
    """[[seq, enterprise id, [inspector ids], lab code], …] as numbered lines."""
    enterprise = apps.get_model("registry", "Enterprise")
    user = apps.get_model("base", "User")
    lines = []
    for task in value if isinstance(value, list) else []:
        if not (isinstance(task, list) and len(task) == 4):
            lines.append(plain(task))
            continue
        seq, enterprise_id, inspectors, lab = task
        people = "、".join(_related(user, pk) for pk in inspectors or [])
        lines.append(
            f"{seq}. {_related(enterprise, enterprise_id)} · {people} · "
            f"{vocabulary.label('lab', lab)}"
        )
    return "; ".join(lines) or "—"


SPECIAL: dict[str, Callable[[Any], str]] = {
    "measurements": vocabulary.measurements_text,
    "tasks": _plan_tasks,
    "parsed": lambda v: gettext("derived from the designation"),
}


def plain(value: Any) -> str:
    """Any JSON value as readable text (no brackets, quotes or True/False)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return vocabulary.label("boolean", value)
    if isinstance(value, str) and _ISO_DATE.match(value):
        return vocabulary.local_date(value)
    if isinstance(value, list):
        return vocabulary.separator().join(plain(v) for v in value) or "—"
    if isinstance(value, dict):
        pairs = (f"{capfirst(str(k).replace('_', ' '))}: {plain(v)}" for k, v in value.items())
        return "; ".join(pairs)
    return str(value)


def value_text(target_type: str, name: str, value: Any) -> str:  # noqa: PLR0911 (one per kind)
    """One stored value of field `name` of a `target_type` record, as the user reads it."""
    if value is None or value == "":
        return "—"
    if name in SPECIAL:
        return SPECIAL[name](value)
    if name in VALUE_KINDS:
        return vocabulary.labels(VALUE_KINDS[name], value if isinstance(value, list) else [value])
    field = _field(_model(target_type), name)
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and field.related_model is not None:
        related = field.related_model
        values = value if isinstance(value, list) else [value]
        return vocabulary.separator().join(_related(related, v) for v in values)
    if isinstance(field, models.DateTimeField | models.DateField) and isinstance(value, str):
        return vocabulary.local_date(value)
    return plain(value)


def entry_rows(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """(field label, before, after) for every field the entry changed."""
    return [
        (
            field_label(entry.target_type, name),
            value_text(entry.target_type, name, old),
            value_text(entry.target_type, name, new),
        )
        for name, old, new in entry.changed_fields
    ]


def who(entry: AuditEntry) -> str:
    """The actor's name; entries made by the platform itself say so in the user's words."""
    if entry.actor_id is not None and entry.actor is not None:
        return str(entry.actor)
    if entry.actor_label in ("", "system"):
        return gettext("CableWatch (automatic)")
    return entry.actor_label
