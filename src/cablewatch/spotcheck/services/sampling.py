"""Sampling at the site: the record, the seal, photos and the blind code; or why the
drawn unit could not be sampled.

The rules of a true record live in `sample_problems`; the form calls it to show every
problem beside its field at once, and `record_sample` calls it again whatever the door
(page, API, command), so nothing impossible is stored.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from PIL import Image

from cablewatch.base.audit import record_change, snapshot
from cablewatch.base.errors import DomainError, FieldsError
from cablewatch.base.events import Event, publish
from cablewatch.base.models import User
from cablewatch.spotcheck.models import DrawTask, NotSampled, QuantityUnit, Sample, SamplePhoto
from cablewatch.standards import StandardsError, parse_designation

# No 0/O/1/I: a code read aloud or copied by hand stays unambiguous.
BLIND_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
SAMPLE_FIELDS = (
    "site_kind",
    "sampled_unit_name",
    "sampled_unit_address",
    "sampled_division",
    "sampled_at",
    "designation",
    "brand",
    "batch_number",
    "production_date",
    "quantity_value",
    "quantity_unit",
    "backup_quantity",
    "seal_number",
    "backup_seal_number",
    "unit_confirmed",
)
REQUIRED_TEXT = ("sampled_unit_name", "sampled_unit_address", "batch_number", "designation")
# A phone's clock and the server's differ a little; more than this is a time not yet come.
CLOCK_SLACK = dt.timedelta(minutes=5)
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
NOT_SAMPLED_FIELDS = ("reason", "details", "occurred_at")


def new_blind_code() -> str:
    """Random, so that it says nothing about the enterprise, the plan or the order."""
    while True:
        code = "S" + "".join(secrets.choice(BLIND_ALPHABET) for _ in range(9))
        if not Sample.objects.filter(blind_code=code).exists():
            return code


def _when(value: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _day(value: dt.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _time_problem(value: dt.datetime | None, task: DrawTask) -> str | None:
    """Not in the future, and not before the task existed (its plan's draw; to the minute,
    as a time is entered)."""
    if value is None:
        return _("Give the date and time.")
    if value > timezone.now() + CLOCK_SLACK:
        return _("%(when)s is in the future: give the time it happened.") % {"when": _when(value)}
    drawn = task.plan.drawn_at
    if drawn is not None and value < drawn.replace(second=0, microsecond=0):
        return _("%(when)s is before the task was drawn (%(drawn)s).") % {
            "when": _when(value),
            "drawn": _when(drawn),
        }
    return None


def _quantity_problem(value: Any) -> str | None:
    if value is None or value == "":
        return _("Give the quantity.")
    if not isinstance(value, Decimal | int) or not Decimal(value).is_finite():
        return _("Give the quantity as a number.")
    if Decimal(value) <= 0:
        return _("The quantity must be more than zero.")
    if Decimal(value) >= Decimal("100000000"):
        return _("The quantity is too large.")
    return None


def _seal(value: Any) -> str:
    return "".join(str(value or "").split()).upper()


def photo_problems(photos: Sequence[UploadedFile[bytes]]) -> list[str]:
    """Each photo must be a real JPEG, PNG or WebP image within the size limit."""
    problems = []
    limit = settings.SAMPLE_PHOTO_MAX_BYTES
    if len(photos) > settings.SAMPLE_PHOTO_MAX_COUNT:
        problems.append(_("At most %(count)d photos.") % {"count": settings.SAMPLE_PHOTO_MAX_COUNT})
    for photo in photos:
        name = photo.name or "?"
        if photo.size is not None and photo.size > limit:
            problems.append(
                _("%(name)s is larger than %(limit)s.")
                % {"name": name, "limit": filesizeformat(limit)}
            )
            continue
        if image_format(photo) is None:
            problems.append(_("%(name)s is not a JPEG, PNG or WebP image.") % {"name": name})
    return problems


def image_format(photo: UploadedFile[bytes]) -> str | None:
    """The photo's image format if Pillow can read it as one we keep, else None."""
    try:
        photo.seek(0)
        with Image.open(photo) as image:
            kind = image.format
            image.verify()
    except Exception:
        return None
    finally:
        photo.seek(0)
    return kind if kind in PHOTO_FORMATS else None


def sample_problems(  # noqa: PLR0912 (one check a rule reads best)
    task: DrawTask, data: dict[str, Any], photos: Sequence[UploadedFile[bytes]] = ()
) -> dict[str, list[str]]:
    """Every reason the record cannot be true, by field ("" for the record as a whole)."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str | None) -> None:
        if message:
            problems.setdefault(field, []).append(message)

    for field in REQUIRED_TEXT:
        if not str(data.get(field) or "").strip():
            add(field, _("This field is required."))
    if data.get("sampled_division") is None:
        add("sampled_division", _("This field is required."))
    kinds = list(task.plan.site_kinds or [])
    site = data.get("site_kind")
    if site not in Sample.SiteKind.values:
        add("site_kind", _("Choose where the sample was taken."))
    elif kinds and site not in kinds:
        add(
            "site_kind",
            _("This plan samples only at: %(kinds)s.")
            % {"kinds": "、".join(str(Sample.SiteKind(k).label) for k in kinds)},
        )
    sampled_at = data.get("sampled_at")
    add("sampled_at", _time_problem(sampled_at, task))
    production = data.get("production_date")
    if production is not None:
        if sampled_at is not None and production > timezone.localtime(sampled_at).date():
            add(
                "production_date",
                _("The production date cannot be after the sampling date (%(day)s).")
                % {"day": _day(timezone.localtime(sampled_at).date())},
            )
        elif production > timezone.localdate():
            add("production_date", _("The production date cannot be in the future."))
    add("quantity_value", _quantity_problem(data.get("quantity_value")))
    add("backup_quantity", _quantity_problem(data.get("backup_quantity")))
    if data.get("quantity_unit") not in QuantityUnit.values:
        add("quantity_unit", _("Choose the unit of the quantity."))
    seal, backup = _seal(data.get("seal_number")), _seal(data.get("backup_seal_number"))
    if not seal:
        add("seal_number", _("This field is required."))
    if not backup:
        add("backup_seal_number", _("This field is required."))
    elif backup == seal:
        add(
            "backup_seal_number",
            _(
                "The backup sample is sealed with its own seal: its number must differ "
                "from %(seal)s."
            )
            % {"seal": str(data.get("seal_number")).strip()},
        )
    designation = str(data.get("designation") or "").strip()
    if designation:
        try:
            parse_designation(designation)
        except StandardsError as exc:
            add(
                "designation",
                _("The standards engine cannot read this designation: %(why)s") % {"why": exc},
            )
    if not data.get("unit_confirmed"):
        add("unit_confirmed", _("The sampled unit must confirm the sampling record."))
    for message in photo_problems(photos):
        add("photos", message)
    return problems


def quantity_text(value: Decimal, unit: str, backup: Decimal) -> str:
    """The record's quantity as written on the 抽样单 (kept in Chinese, the record's language)."""
    with translation.override("zh-hans"):
        label = str(QuantityUnit(unit).label)
        return f"{value.normalize():f} {label}（备样 {backup.normalize():f} {label}）"


def _check_task_open(actor: User, task: DrawTask) -> None:
    if not task.inspectors.filter(pk=actor.pk).exists():
        raise DomainError(_("Only the inspectors drawn for this task may record its sample."))
    if Sample.objects.filter(task=task).exists():
        raise DomainError(_("This task's sample is already recorded."), code="duplicate")
    if NotSampled.objects.filter(task=task).exists():
        raise DomainError(_("This task is already closed as not sampled."), code="duplicate")


@transaction.atomic
def record_sample(
    *,
    actor: User,
    task: DrawTask,
    data: dict[str, Any],
    photos: Sequence[UploadedFile[bytes]] = (),
) -> Sample:
    """The inspector's sampling record; only one of the task's two inspectors may file it."""
    task = DrawTask.objects.select_for_update(of=("self",)).select_related("plan").get(pk=task.pk)
    _check_task_open(actor, task)
    problems = sample_problems(task, data, photos)
    if problems:
        raise FieldsError(problems)
    values = {k: v for k, v in data.items() if k in SAMPLE_FIELDS}
    for key in ("seal_number", "backup_seal_number", *REQUIRED_TEXT):
        values[key] = str(values[key]).strip()
    family = str(parse_designation(values["designation"]).to_json().get("family", ""))
    sample = Sample(
        task=task,
        plan_division_id=task.plan.division_id,
        enterprise=task.enterprise,
        lab=task.lab,
        blind_code=new_blind_code(),
        recorded_by=actor,
        product_family=family,
        quantity=quantity_text(
            Decimal(values["quantity_value"]),
            values["quantity_unit"],
            Decimal(values["backup_quantity"]),
        ),
        **values,
    )
    sample.save(force_insert=True)
    for photo in photos:
        kind = image_format(photo)
        photo.name = f"{uuid.uuid4().hex}.{PHOTO_FORMATS[kind or 'JPEG']}"
        SamplePhoto.objects.create(sample=sample, image=photo)
    record_change(
        actor=actor,
        action="spotcheck.sample.recorded",
        target=sample,
        after={
            **snapshot(sample, (*SAMPLE_FIELDS, "quantity")),
            "blind_code": sample.blind_code,
            "photos": len(photos),
        },
        division_code=sample.plan_division_id,
    )
    return sample


def not_sampled_problems(task: DrawTask, data: dict[str, Any]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if data.get("reason") not in NotSampled.Reason.values:
        problems["reason"] = [_("Choose why the unit could not be sampled.")]
    if not str(data.get("details") or "").strip():
        problems["details"] = [
            _("Describe what the inspectors found (who was met, what was seen or said).")
        ]
    when = _time_problem(data.get("occurred_at"), task)
    if when:
        problems["occurred_at"] = [when]
    return problems


@transaction.atomic
def record_not_sampled(*, actor: User, task: DrawTask, data: dict[str, Any]) -> NotSampled:
    """Close a drawn task as not sampled, with its reason; a refusal opens an enforcement
    case (拒绝监督抽查) through the `spotcheck.sampling.refused` event."""
    task = (
        DrawTask.objects.select_for_update(of=("self",))
        .select_related("plan", "enterprise")
        .get(pk=task.pk)
    )
    _check_task_open(actor, task)
    problems = not_sampled_problems(task, data)
    if problems:
        raise FieldsError(problems)
    row = NotSampled(
        task=task,
        plan_division_id=task.plan.division_id,
        reason=data["reason"],
        details=str(data["details"]).strip(),
        occurred_at=data["occurred_at"],
        recorded_by=actor,
    )
    row.save(force_insert=True)
    record_change(
        actor=actor,
        action="spotcheck.task.not_sampled",
        target=task,
        after=snapshot(row, NOT_SAMPLED_FIELDS),
        division_code=row.plan_division_id,
    )
    if row.reason == NotSampled.Reason.REFUSED:
        enterprise = task.enterprise
        publish(
            Event(
                "spotcheck.sampling.refused",
                {
                    "task_id": task.pk,
                    "plan_id": task.plan_id,
                    "plan_name": task.plan.name,
                    "enterprise_id": enterprise.pk,
                    "enterprise_name": enterprise.name,
                    "credit_code": enterprise.credit_code or "",
                    "enterprise_division": enterprise.division_id,
                    "occurred_on": timezone.localtime(row.occurred_at).date().isoformat(),
                    "details": row.details,
                    "inspector_ids": sorted(task.inspectors.values_list("pk", flat=True)),
                },
                division_code=row.plan_division_id,
                actor_id=actor.pk,
            )
        )
    return row
