"""Sampling at the site: the record, the seal, photos and the blind code."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from cablewatch.base.audit import record_change, snapshot
from cablewatch.base.errors import DomainError
from cablewatch.base.models import User
from cablewatch.spotcheck.models import DrawTask, Sample, SamplePhoto
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
    "quantity",
    "seal_number",
    "backup_seal_number",
    "unit_confirmed",
)


def new_blind_code() -> str:
    """Random, so that it says nothing about the enterprise, the plan or the order."""
    while True:
        code = "S" + "".join(secrets.choice(BLIND_ALPHABET) for _ in range(9))
        if not Sample.objects.filter(blind_code=code).exists():
            return code


@transaction.atomic
def record_sample(
    *,
    actor: User,
    task: DrawTask,
    data: dict[str, Any],
    photos: Sequence[UploadedFile[bytes]] = (),
) -> Sample:
    """The inspector's sampling record; only one of the task's two inspectors may file it."""
    if not task.inspectors.filter(pk=actor.pk).exists():
        raise DomainError(_("Only the inspectors drawn for this task may record its sample."))
    if Sample.objects.filter(task=task).exists():
        raise DomainError(_("This task's sample is already recorded."), code="duplicate")
    if not data.get("unit_confirmed"):
        raise DomainError(
            _("The sampled unit must confirm the sampling record."), field="unit_confirmed"
        )
    values = {k: v for k, v in data.items() if k in SAMPLE_FIELDS}
    try:
        family = str(parse_designation(values["designation"]).to_json().get("family", ""))
    except StandardsError as exc:
        raise DomainError(
            _("The standards engine cannot read this designation: %(why)s") % {"why": exc},
            field="designation",
        ) from exc
    sample = Sample(
        task=task,
        plan_division_id=task.plan.division_id,
        enterprise=task.enterprise,
        lab=task.lab,
        blind_code=new_blind_code(),
        recorded_by=actor,
        product_family=family,
        **values,
    )
    sample.save(force_insert=True)
    for photo in photos:
        SamplePhoto.objects.create(sample=sample, image=photo)
    record_change(
        actor=actor,
        action="spotcheck.sample.recorded",
        target=sample,
        after={**snapshot(sample, SAMPLE_FIELDS), "blind_code": sample.blind_code},
        division_code=sample.plan_division_id,
    )
    return sample
