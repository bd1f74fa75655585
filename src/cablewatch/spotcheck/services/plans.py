"""Plans and their reproducible draw."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.audit import record_change, snapshot
from cablewatch.base.errors import DomainError
from cablewatch.base.models import Agency, User
from cablewatch.base.models.regions import in_scope, scope_prefix
from cablewatch.registry.models import Certificate, Enterprise, Product
from cablewatch.spotcheck import draw as drawing
from cablewatch.spotcheck.models import ConflictDeclaration, DrawTask, Plan, Sample
from cablewatch.spotcheck.models.plans import inspector_pool

PLAN_FIELDS = (
    "name",
    "division",
    "year",
    "families",
    "site_kinds",
    "batches",
    "sample_by",
    "test_by",
    "exclude_home_district",
)


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@transaction.atomic
def create_plan(*, actor: User, data: dict[str, Any], labs: list[Agency]) -> Plan:
    """A draft plan in the actor's region."""
    if not actor.sees_division(data["division"].code):
        raise DomainError(_("The plan's division is outside your region."), field="division")
    if not labs:
        raise DomainError(_("Choose at least one lab."), field="labs")
    plan = Plan(created_by=actor, **{k: v for k, v in data.items() if k in PLAN_FIELDS})
    plan.save(force_insert=True)
    plan.labs.set(labs)
    record_change(
        actor=actor,
        action="spotcheck.plan.created",
        target=plan,
        after={**snapshot(plan, PLAN_FIELDS), "labs": [lab.code for lab in labs]},
        division_code=plan.division_id,
    )
    return plan


def _candidates(plan: Plan) -> list[Enterprise]:
    prefix = scope_prefix(plan.division_id, plan.division.level)
    qs = Enterprise.objects.filter(
        in_scope("division_id", prefix),
        status=Enterprise.Status.ACTIVE,
        kind=Enterprise.Kind.MANUFACTURER,
    )
    if plan.families:
        makers = Product.objects.filter(family__in=plan.families).values("enterprise_id")
        qs = qs.filter(pk__in=makers)
    return list(qs.order_by("pk"))


def risk_history(enterprise_id: int, today: dt.date) -> drawing.RiskHistory:
    fails = Sample.objects.filter(enterprise_id=enterprise_id, final=True, verdict="fail")
    recent_since = today - dt.timedelta(days=730)
    valid = Certificate.objects.filter(
        holder_id=enterprise_id, status=Certificate.Status.VALID, expires_on__gte=today
    )
    return drawing.RiskHistory(
        failures=fails.count(),
        serious_failures=fails.filter(severity="serious").count(),
        recent_failure=fails.filter(result_date__gte=recent_since).exists(),
        has_valid_licence=valid.exists(),
    )


def _exclusions(plan: Plan, candidates: list[Enterprise], pool: list[User]) -> dict[str, Any]:
    declared: dict[int, set[int]] = {}
    for c in ConflictDeclaration.objects.filter(enterprise__in=candidates):
        declared.setdefault(c.enterprise_id, set()).add(c.inspector_id)
    last_time: dict[int, set[int]] = {}
    previous = DrawTask.objects.filter(enterprise__in=candidates).exclude(plan=plan)
    for task in previous.order_by("enterprise_id", "-plan_id").prefetch_related("inspectors"):
        last_time.setdefault(task.enterprise_id, {u.pk for u in task.inspectors.all()})
    out: dict[str, Any] = {}
    for e in candidates:
        reasons: dict[int, str] = {u: "declared" for u in declared.get(e.pk, ())}
        reasons.update({u: "last_time" for u in last_time.get(e.pk, ()) if u not in reasons})
        if plan.exclude_home_district:
            home = {u.pk for u in pool if u.agency and u.agency.division_id == e.division_id}
            reasons.update({u: "home_district" for u in home if u not in reasons})
        if reasons:
            out[str(e.pk)] = {str(u): r for u, r in sorted(reasons.items())}
    return out


@transaction.atomic
def publish_inputs(*, actor: User, plan: Plan, public_value: str) -> Plan:
    """Fix the seed and the draw inputs and publish them, before anything is drawn."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.DRAFT:
        raise DomainError(_("The draw inputs are already published."), code="published")
    if not public_value.strip():
        raise DomainError(_("Give the public value the seed is made from."), field="public_value")
    today = timezone.localdate()
    candidates = _candidates(plan)
    pool = list(inspector_pool(scope_prefix(plan.division_id, plan.division.level)))
    exclusions = _exclusions(plan, candidates, pool)
    plan.seed_source = public_value.strip()
    plan.seed = drawing.seed_from_public_value(plan.seed_source)
    plan.published_inputs = {
        "algorithm": drawing.ALGORITHM,
        "seed_source": plan.seed_source,
        "seed": plan.seed,
        "candidates": [[e.pk, drawing.risk_weight(risk_history(e.pk, today))] for e in candidates],
        "inspectors": [u.pk for u in pool],
        "exclusions_reasons": exclusions,
        "exclusions": {k: sorted(int(u) for u in v) for k, v in exclusions.items()},
        "tasks": plan.batches,
        "per_task": 2,
        "labs": sorted(plan.labs.values_list("code", flat=True)),
        "weights": drawing.RISK_WEIGHTS,
    }
    plan.inputs_digest = hashlib.sha256(canonical_json(plan.published_inputs)).hexdigest()
    plan.status = Plan.Status.PUBLISHED
    plan.save(update_fields=["seed_source", "seed", "published_inputs", "inputs_digest", "status"])
    record_change(
        actor=actor,
        action="spotcheck.plan.inputs_published",
        target=plan,
        after={"seed": plan.seed, "inputs_digest": plan.inputs_digest},
        division_code=plan.division_id,
    )
    return plan


@transaction.atomic
def run_draw(*, actor: User, plan: Plan) -> list[DrawTask]:
    """Draw from the published inputs; once drawn, the tasks do not change."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.PUBLISHED or plan.published_inputs is None:
        raise DomainError(_("Publish the draw inputs first, and draw only once."), code="state")
    try:
        tasks = drawing.draw_from_inputs(plan.published_inputs)
    except drawing.DrawError as exc:
        raise DomainError(_("The draw is impossible: %(why)s") % {"why": exc}) from exc
    labs = {a.code: a for a in plan.labs.all()}
    created = []
    for t in tasks:
        row = DrawTask.objects.create(
            plan=plan, seq=t.seq, enterprise_id=t.enterprise_id, lab=labs[t.lab], weight=t.weight
        )
        row.inspectors.set(t.inspector_ids)
        created.append(row)
    plan.status, plan.drawn_at = Plan.Status.DRAWN, timezone.now()
    plan.save(update_fields=["status", "drawn_at"])
    record_change(
        actor=actor,
        action="spotcheck.plan.drawn",
        target=plan,
        after={"tasks": stored_draw(plan)},
        division_code=plan.division_id,
    )
    return created


def stored_draw(plan: Plan) -> list[list[Any]]:
    rows = plan.tasks.order_by("seq").prefetch_related("inspectors").select_related("lab")
    return [
        [t.seq, t.enterprise_id, sorted(u.pk for u in t.inspectors.all()), t.lab.code] for t in rows
    ]


def redraw_differences(plan: Plan) -> list[str]:
    """Recompute the draw from the published inputs; list how it differs from what is stored."""
    if plan.published_inputs is None:
        return [f"plan {plan.pk}: no published inputs"]
    problems = []
    digest = hashlib.sha256(canonical_json(plan.published_inputs)).hexdigest()
    if digest != plan.inputs_digest:
        problems.append(f"plan {plan.pk}: published inputs do not match their digest")
    expected = [
        [t.seq, t.enterprise_id, sorted(t.inspector_ids), t.lab]
        for t in drawing.draw_from_inputs(plan.published_inputs)
    ]
    stored = stored_draw(plan)
    for want, have in zip(expected, stored, strict=False):
        if want != have:
            problems.append(f"plan {plan.pk} task {want[0]}: expected {want}, stored {have}")
    if len(expected) != len(stored):
        problems.append(f"plan {plan.pk}: {len(expected)} tasks expected, {len(stored)} stored")
    return problems


@transaction.atomic
def replace_inspector(
    *, actor: User, task: DrawTask, old: User, new: User, reason: str
) -> DrawTask:
    """The only change a drawn task allows: an inspector who cannot go, with a reason."""
    if not reason.strip():
        raise DomainError(_("A reason is required to change a drawn task."), field="reason")
    pool = inspector_pool(scope_prefix(task.plan.division_id, task.plan.division.level))
    conflicted = ConflictDeclaration.objects.filter(inspector=new, enterprise=task.enterprise)
    if not pool.filter(pk=new.pk).exists() or conflicted.exists():
        raise DomainError(_("This inspector may not take the task."), field="new")
    task.inspectors.remove(old)
    task.inspectors.add(new)
    record_change(
        actor=actor,
        action="spotcheck.task.inspector_replaced",
        target=task,
        before={"inspector": old.pk},
        after={"inspector": new.pk},
        reason=reason.strip(),
        division_code=task.plan.division_id,
    )
    return task
