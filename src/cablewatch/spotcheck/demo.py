"""Spot-check rounds for the demo, one in every state a bureau meets:

- a draft plan (still editable);
- drawn, nobody sampled yet (Guangdong, second batch);
- sampling under way: one sample taken, one refusal (a 拒绝监督抽查 case), one unit with
  no stock, one task open (Xi'an, the city-level plan);
- testing: every sample at the lab, no result yet (Guangdong, first batch);
- in review: results entered, waiting for the lab's reviewer (Shaanxi, second batch);
- final inside the enterprise's 15-day re-test window (Shaanxi, first batch);
- final with the window closed and no re-test, ready to be announced (the Shaanxi special
  round, tested ANNOUNCED_DAYS_AGO days ago).

Every step goes through the services, as a user's would, each on its own day: the services
run under a clock set back so many days (`days_ago`), so that draw, sampling and test dates,
audit entries and reports tell one consistent story (nothing sampled before its draw). Idempotent: plans are found by
name, and each step runs only when it is missing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from unittest import mock

from django.utils import timezone

from cablewatch.base.demo import DemoContext
from cablewatch.base.models import Agency, Division, Role, User
from cablewatch.spotcheck.models import (
    ConflictDeclaration,
    DrawTask,
    NotSampled,
    Plan,
    ResultVersion,
    Sample,
)
from cablewatch.spotcheck.services import plans, results, sampling

PLAN_NAME = "2026年陕西省电线电缆产品质量省级监督抽查（第一批）"
REVIEW_PLAN = "2026年陕西省电线电缆产品质量省级监督抽查（第二批）"
ANNOUNCED_PLAN = "2026年陕西省电线电缆产品质量省级监督抽查（专项）"
CITY_PLAN = "2026年西安市电线电缆产品质量市级监督抽查"
TESTING_PLAN = "2026年广东省电线电缆产品质量省级监督抽查（第一批）"
DRAWN_PLAN = "2026年广东省电线电缆产品质量省级监督抽查（第二批）"
DRAFT_PLAN = "陕西省电线电缆产品质量省级监督抽查（下一年度，草稿）"
ANNOUNCED_DAYS_AGO = 100
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
    ("xa-inspector3", "沈抽样", Role.INSPECTOR, "xa-amr"),
    ("xa-inspector4", "韦抽样", Role.INSPECTOR, "xa-amr"),
    ("gd-inspector", "梁抽样", Role.INSPECTOR, "gd-amr"),
    ("gd-inspector2", "谢抽样", Role.INSPECTOR, "gd-amr"),
    ("gd-inspector3", "宋抽样", Role.INSPECTOR, "gd-amr"),
    ("gd-inspector4", "姚抽样", Role.INSPECTOR, "gd-amr"),
    ("gd-inspector5", "萧抽样", Role.INSPECTOR, "gd-amr"),
    ("fs-inspector", "唐抽样", Role.INSPECTOR, "fs-amr"),
    ("fs-inspector2", "曾抽样", Role.INSPECTOR, "fs-amr"),
    ("analyst-hz", "韩检验", Role.LAB_ANALYST, "lab-hz"),
    ("analyst-hz2", "彭检验", Role.LAB_ANALYST, "lab-hz"),
    ("reviewer-hz", "杨审核", Role.LAB_REVIEWER, "lab-hz"),
    ("reviewer-hz2", "董审核", Role.LAB_REVIEWER, "lab-hz"),
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


@contextmanager
def days_ago(days: int) -> Iterator[None]:
    """Run the services as if it were `days` days earlier (timezone.now and all that
    derives from it: local dates, auto timestamps, audit times, report dates)."""
    if days == 0:
        yield
        return
    real_now = timezone.now
    with mock.patch.object(timezone, "now", lambda: real_now() - dt.timedelta(days=days)):
        yield


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
    for user in User.objects.filter(groups__name__in=[Role.SUPERVISION, Role.INSPECTOR]):
        people.setdefault(user.username, user)
    for user in User.objects.filter(groups__name__in=[Role.LAB_ANALYST, Role.LAB_REVIEWER]):
        people.setdefault(user.username, user)
    return people


def _plan(
    name: str,
    officer: User,
    *,
    division: str,
    batches: int,
    lab: str,
    draw: bool = True,
    site_kinds: tuple[str, ...] = ("production", "market"),
    year_offset: int = 0,
    exclude_home_district: bool = True,
) -> Plan:
    plan = Plan.objects.filter(name=name).first()
    if plan is None:
        today = timezone.localdate()
        year = today.year + year_offset
        sample_by = max(today, dt.date(year, 1, 1)) + dt.timedelta(days=30)
        plan = plans.create_plan(
            actor=officer,
            data={
                "name": name,
                "division": Division.objects.get(code=division),
                "year": year,
                "families": [],
                "site_kinds": list(site_kinds),
                "batches": batches,
                "sample_by": sample_by,
                "test_by": sample_by + dt.timedelta(days=30),
                "exclude_home_district": exclude_home_district,
            },
            labs=[Agency.objects.get(code=lab)],
        )
    if not draw:
        return plan
    if plan.status == Plan.Status.DRAFT:
        plan = plans.publish_inputs(actor=officer, plan=plan, public_value=PUBLIC_VALUE)
    if plan.status == Plan.Status.PUBLISHED:
        plans.run_draw(actor=officer, plan=plan)
    return Plan.objects.get(pk=plan.pk)


def _inspector(task: DrawTask) -> User:
    inspector = task.inspectors.order_by("pk").first()
    if inspector is None:
        raise RuntimeError(f"task {task.pk} has no inspector")
    return inspector


def _sample(task: DrawTask, prefix: str) -> Sample:
    existing = Sample.objects.filter(task=task).first()
    if existing is not None:
        return existing
    enterprise = task.enterprise
    return sampling.record_sample(
        actor=_inspector(task),
        task=task,
        data={
            "site_kind": "production",
            "sampled_unit_name": enterprise.name,
            "sampled_unit_address": enterprise.address or enterprise.division.name,
            "sampled_division": enterprise.division,
            "sampled_at": timezone.now() - dt.timedelta(hours=2),
            "designation": DESIGNATION,
            "brand": enterprise.name[:2],
            "batch_number": f"{timezone.localdate():%Y%m}{task.seq:02d}",
            "production_date": timezone.localdate() - dt.timedelta(days=40),
            "quantity_value": Decimal("2"),
            "quantity_unit": "coil",
            "backup_quantity": Decimal("1"),
            "seal_number": f"{prefix}-{task.seq:04d}A",
            "backup_seal_number": f"{prefix}-{task.seq:04d}B",
            "unit_confirmed": True,
        },
    )


def _submit(sample: Sample, seq: int, analyst: User) -> None:
    if sample.status == Sample.Status.SAMPLED:
        measurements = FAILING if seq in FAILING_TASKS else PASSING
        results.submit_results(actor=analyst, sample=sample, measurements=measurements)


def _test(sample: Sample, seq: int, analyst: User, reviewer: User) -> None:
    if sample.final:
        return
    _submit(sample, seq, analyst)
    if ResultVersion.objects.filter(sample=sample, status="submitted").exists():
        results.approve_results(actor=reviewer, sample=sample)


def _final_round(
    people: dict[str, User], name: str, prefix: str, *, drawn: int, sampled: int, tested: int
) -> Plan:
    """Drawn, sampled and tested on three different days (days ago)."""
    with days_ago(drawn):
        plan = _plan(name, people["officer"], division="610000", batches=5, lab="lab-xb")
    with days_ago(sampled):
        samples = [(t.seq, _sample(t, prefix)) for t in plan.tasks.order_by("seq")]
    with days_ago(tested):
        for seq, sample in samples:
            _test(sample, seq, people["analyst"], people["reviewer"])
    return plan


def _not_sampled(task: DrawTask, reason: str, details: str) -> None:
    if Sample.objects.filter(task=task).exists() or NotSampled.objects.filter(task=task).exists():
        return
    sampling.record_not_sampled(
        actor=_inspector(task),
        task=task,
        data={
            "reason": reason,
            "details": details,
            "occurred_at": timezone.now() - dt.timedelta(hours=2),
        },
    )


def _city_round(people: dict[str, User]) -> None:
    with days_ago(6):
        plan = _plan(
            CITY_PLAN,
            people["xa-officer"],
            division="610100",
            batches=4,
            lab="lab-xb",
            site_kinds=("production",),
            exclude_home_district=False,
        )
    tasks = {t.seq: t for t in plan.tasks.all()}
    with days_ago(1):
        _sample(tasks[1], "XA-2026")
        _not_sampled(
            tasks[2],
            NotSampled.Reason.REFUSED,
            "企业负责人以“生产任务紧”为由拒绝抽样，经告知拒绝抽样的法律后果后仍拒绝，"
            "拒绝在抽样单上签字。",
        )
        _not_sampled(
            tasks[3], NotSampled.Reason.NO_STOCK, "仓库及车间均无该计划所列产品的待销产品。"
        )


def load(context: DemoContext) -> None:
    people = _people(context)
    first_maker = User.objects.get(username="maker").enterprise
    if first_maker is not None:
        ConflictDeclaration.objects.get_or_create(
            inspector=people["inspector5"],
            enterprise=first_maker,
            defaults={"relation": "配偶在该企业任职"},
        )
    # The earlier round first, so that its failures weigh in the later draws.
    _final_round(
        people,
        ANNOUNCED_PLAN,
        "SX-2026-ZX",
        drawn=ANNOUNCED_DAYS_AGO + 30,
        sampled=ANNOUNCED_DAYS_AGO + 20,
        tested=ANNOUNCED_DAYS_AGO,
    )
    plan = _final_round(people, PLAN_NAME, "SX-2026", drawn=20, sampled=12, tested=0)
    with days_ago(15):
        review = _plan(REVIEW_PLAN, people["officer2"], division="610000", batches=3, lab="lab-xb")
    with days_ago(8):
        in_review = [(t.seq, _sample(t, "SX-2026-2")) for t in review.tasks.order_by("seq")]
    with days_ago(2):
        for seq, sample in in_review:
            _submit(sample, seq, people["analyst2"])
    _city_round(people)
    with days_ago(10):
        testing = _plan(
            TESTING_PLAN, people["gd-officer"], division="440000", batches=3, lab="lab-hz"
        )
    with days_ago(3):
        for task in testing.tasks.order_by("seq"):
            _sample(task, "GD-2026")
    with days_ago(2):
        _plan(DRAWN_PLAN, people["gd-officer2"], division="440000", batches=2, lab="lab-hz")
    _plan(
        DRAFT_PLAN,
        people["officer"],
        division="610000",
        batches=8,
        lab="lab-xb",
        draw=False,
        year_offset=1,
    )
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
