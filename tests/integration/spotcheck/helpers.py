"""Builders shared by the spot-check tests: a whole round, one step at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import time_machine
from django.utils import timezone

from cablewatch.base.models import Agency, Division, Role, User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import DrawTask, Plan, Sample
from cablewatch.spotcheck.services import plans, results, sampling
from tests.conftest import make_agency, make_user

DESIGNATION = "BV 450/750V 1×2.5"
PASSING: dict[str, Any] = {
    "conductor_resistance": {"value": 7.3, "temperature_c": 20.0},
    "insulation_thickness": {"mean": 0.82, "min": 0.7},
    "overall_diameter": {"mean": 3.5},
    "insulation_tensile_strength": 15.0,
    "insulation_elongation": 180,
    "voltage_test": "pass",
    "flame_test": "pass",
    "marking": "pass",
}
FAILING = {**PASSING, "conductor_resistance": {"value": 7.9, "temperature_c": 20.0}}


@dataclass
class Cast:
    officer: User
    inspectors: list[User]
    lab: Agency
    lab2: Agency
    analyst: User
    reviewer: User
    analyst2: User
    reviewer2: User


def make_cast(officer: User) -> Cast:
    xian = Agency.objects.get_or_create(
        code="t-xa", defaults={"name": "西安", "kind": "regulator", "division_id": "610100"}
    )[0]
    lab = Agency.objects.filter(code="t-lab").first() or make_agency("t-lab", "lab", "610100")
    lab2 = make_agency("t-lab2", "lab", "420100", name="华中检测")
    return Cast(
        officer=officer,
        inspectors=[make_user(f"insp{i}", Role.INSPECTOR, xian) for i in range(4)],
        lab=lab,
        lab2=lab2,
        analyst=make_user("ana", Role.LAB_ANALYST, lab),
        reviewer=make_user("rev", Role.LAB_REVIEWER, lab),
        analyst2=make_user("ana2", Role.LAB_ANALYST, lab2),
        reviewer2=make_user("rev2", Role.LAB_REVIEWER, lab2),
    )


def make_plan(cast: Cast, batches: int = 1, **extra: Any) -> Plan:
    data = {
        "name": "2026 陕西省电线电缆监督抽查",
        "division": Division.objects.get(code="610000"),
        "year": 2026,
        "families": [],
        "site_kinds": ["production"],
        "batches": batches,
        "sample_by": dt.date(2026, 12, 31),
        "test_by": dt.date(2027, 1, 31),
        **extra,
    }
    return plans.create_plan(actor=cast.officer, data=data, labs=[cast.lab])


# The draw of the test plans happens on the day of its public value, so that a test
# sampling on a fixed day after it (and a sample may not be taken before its draw) holds
# whenever the suite runs. A test already living before that day draws at its own now.
DRAWN_AT = dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC)


def drawn_plan(cast: Cast, batches: int = 1, **extra: Any) -> Plan:
    plan = make_plan(cast, batches, **extra)
    with time_machine.travel(min(timezone.now(), DRAWN_AT)):
        plans.publish_inputs(
            actor=cast.officer, plan=plan, public_value="上证综指 2026-11-27 收盘 3210.55"
        )
        plans.run_draw(actor=cast.officer, plan=plan)
    return Plan.objects.get(pk=plan.pk)


def sample_for(task: DrawTask, **extra: Any) -> Sample:
    inspector = task.inspectors.order_by("pk").first()
    assert inspector is not None
    data = {
        "site_kind": "production",
        "sampled_unit_name": task.enterprise.name,
        "sampled_unit_address": "西安市雁塔区",
        "sampled_division": Division.objects.get(code="610112"),
        "sampled_at": timezone.now(),
        "designation": DESIGNATION,
        "brand": "秦川",
        "batch_number": "20261101",
        "production_date": dt.date(2026, 11, 1),
        "quantity_value": Decimal("20"),
        "quantity_unit": "m",
        "backup_quantity": Decimal("10"),
        "seal_number": "F-0001",
        "backup_seal_number": "F-0002",
        "unit_confirmed": True,
        **extra,
    }
    return sampling.record_sample(actor=inspector, task=task, data=data)


def approved_sample(cast: Cast, task: DrawTask, measurements: dict[str, Any]) -> Sample:
    sample = sample_for(task)
    results.submit_results(actor=cast.analyst, sample=sample, measurements=measurements)
    results.approve_results(actor=cast.reviewer, sample=sample)
    sample.refresh_from_db()
    return sample


def first_task(plan: Plan, enterprise: Enterprise | None = None) -> DrawTask:
    tasks = plan.tasks.all()
    if enterprise is not None:
        tasks = tasks.filter(enterprise=enterprise)
    task = tasks.order_by("seq").first()
    assert task is not None
    return task
