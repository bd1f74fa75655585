"""A finished spot-check round for the demo: a Shaanxi plan, its published draw, the
samples, approved results (some failing, some passing) and their signed reports.
Idempotent: the plan is found by name, and each step runs only when it is missing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cablewatch.base.demo import DemoContext
from cablewatch.base.models import Agency, Division, Role, User
from cablewatch.spotcheck.models import ConflictDeclaration, DrawTask, Plan, Sample
from cablewatch.spotcheck.services import plans, results, sampling

PLAN_NAME = "2026年陕西省电线电缆产品质量省级监督抽查（第一批）"
PUBLIC_VALUE = "上证综合指数 2026-11-20 收盘价 3351.27（抽取前一日公布）"
MORE_AGENCIES = [
    ("bj-amr", "宝鸡市市场监督管理局", "Baoji Administration for Market Regulation", "610300"),
    ("xy-amr", "咸阳市市场监督管理局", "Xianyang Administration for Market Regulation", "610400"),
]
MORE_USERS = [
    # username, display name, role, agency code
    ("inspector3", "吴抽样", Role.INSPECTOR, "sx-amr"),
    ("inspector4", "郑抽样", Role.INSPECTOR, "sx-amr"),
    ("inspector5", "冯抽样", Role.INSPECTOR, "xa-amr"),
    ("inspector6", "陈抽样", Role.INSPECTOR, "bj-amr"),
    ("inspector7", "褚抽样", Role.INSPECTOR, "bj-amr"),
    ("inspector8", "卫抽样", Role.INSPECTOR, "xy-amr"),
    ("inspector9", "蒋抽样", Role.INSPECTOR, "xy-amr"),
    ("analyst-hz", "韩检验", Role.LAB_ANALYST, "lab-hz"),
    ("reviewer-hz", "杨审核", Role.LAB_REVIEWER, "lab-hz"),
]
DESIGNATION = "BV 450/750V 1×2.5"
PASSING: dict[str, Any] = {
    "conductor_resistance": {"value": 7.28, "temperature_c": 21.5},
    "insulation_thickness": {"mean": 0.83, "min": 0.72},
    "overall_diameter": {"mean": 3.5},
    "insulation_tensile_strength": 15.6,
    "insulation_elongation": 190,
    "voltage_test": "pass",
    "flame_test": "pass",
    "marking": "pass",
}
# The Xi'an metro case: a thinned conductor shows as too high a resistance.
FAILING = {
    **PASSING,
    "conductor_resistance": {"value": 8.95, "temperature_c": 22.0},
    "insulation_thickness": {"mean": 0.71, "min": 0.58},
}
FAILING_TASKS = {1, 4}


def _people(context: DemoContext) -> dict[str, User]:
    for code, name, name_en, division in MORE_AGENCIES:
        context.agencies[code], _ = Agency.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "kind": Agency.Kind.REGULATOR,
                "division": Division.objects.get(code=division),
            },
        )
    people = {
        username: context.user(username, display, role, agency=context.agencies[agency])
        for username, display, role, agency in MORE_USERS
    }
    for username in ("officer", "inspector", "inspector2", "analyst", "reviewer"):
        people[username] = User.objects.get(username=username)
    return people


def _plan(people: dict[str, User]) -> Plan:
    plan = Plan.objects.filter(name=PLAN_NAME).first()
    if plan is None:
        today = timezone.localdate()
        plan = plans.create_plan(
            actor=people["officer"],
            data={
                "name": PLAN_NAME,
                "division": Division.objects.get(code="610000"),
                "year": today.year,
                "families": [],
                "site_kinds": ["production", "market"],
                "batches": 5,
                "sample_by": today + dt.timedelta(days=30),
                "test_by": today + dt.timedelta(days=60),
                "exclude_home_district": True,
            },
            labs=[Agency.objects.get(code="lab-xb")],
        )
    if plan.status == Plan.Status.DRAFT:
        plan = plans.publish_inputs(actor=people["officer"], plan=plan, public_value=PUBLIC_VALUE)
    if plan.status == Plan.Status.PUBLISHED:
        plans.run_draw(actor=people["officer"], plan=plan)
    return Plan.objects.get(pk=plan.pk)


def _sample(task: DrawTask) -> Sample:
    existing = Sample.objects.filter(task=task).first()
    if existing is not None:
        return existing
    inspector = task.inspectors.order_by("pk").first()
    if inspector is None:
        raise RuntimeError(f"task {task.pk} has no inspector")
    enterprise = task.enterprise
    return sampling.record_sample(
        actor=inspector,
        task=task,
        data={
            "site_kind": "production",
            "sampled_unit_name": enterprise.name,
            "sampled_unit_address": enterprise.address or enterprise.division.name,
            "sampled_division": enterprise.division,
            "sampled_at": timezone.now() - dt.timedelta(days=10),
            "designation": DESIGNATION,
            "brand": enterprise.name[:2],
            "batch_number": f"2026{task.seq:02d}18",
            "production_date": timezone.localdate() - dt.timedelta(days=40),
            "quantity_value": Decimal("2"),
            "quantity_unit": "coil",
            "backup_quantity": Decimal("1"),
            "seal_number": f"SX-2026-{task.seq:04d}A",
            "backup_seal_number": f"SX-2026-{task.seq:04d}B",
            "unit_confirmed": True,
        },
    )


def _test(sample: Sample, seq: int, people: dict[str, User]) -> None:
    if sample.final:
        return
    if sample.status == Sample.Status.SAMPLED:
        measurements = FAILING if seq in FAILING_TASKS else PASSING
        results.submit_results(actor=people["analyst"], sample=sample, measurements=measurements)
    results.approve_results(actor=people["reviewer"], sample=sample)


def load(context: DemoContext) -> None:
    people = _people(context)
    first_maker = User.objects.get(username="maker").enterprise
    if first_maker is not None:
        ConflictDeclaration.objects.get_or_create(
            inspector=people["inspector5"],
            enterprise=first_maker,
            defaults={"relation": "配偶在该企业任职"},
        )
    plan = _plan(people)
    for task in plan.tasks.order_by("seq"):
        _test(_sample(task), task.seq, people)
    # A user of the first failing enterprise, to show the result, the report, the re-test
    # application and the rectification from the enterprise's side.
    failing = plan.tasks.filter(seq=min(FAILING_TASKS)).select_related("enterprise").first()
    if failing is not None:
        context.user(
            "maker-fail",
            "企业质量负责人（抽查不合格）",
            Role.ENTERPRISE,
            enterprise=failing.enterprise,
        )
