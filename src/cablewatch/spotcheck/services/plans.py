"""Plans and their reproducible draw."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.audit import changed, record_change, snapshot
from cablewatch.base.errors import DomainError, FieldsError
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


FIRST_YEAR = 2000  # no plan of this platform's kind predates it
MAX_BATCHES = 10_000


def plan_problems(  # noqa: PLR0912 (one check a rule reads best)
    data: dict[str, Any], labs: list[Agency], today: dt.date | None = None
) -> dict[str, list[str]]:
    """Every reason a plan cannot be right, by field: year, counts, deadlines, labs."""
    today = today or timezone.localdate()
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if not str(data.get("name") or "").strip():
        add("name", _("Give the plan a name."))
    if data.get("division") is None:
        add("division", _("Choose the plan's division."))
    year = data.get("year")
    if not isinstance(year, int) or not FIRST_YEAR <= year <= today.year + 1:
        add(
            "year",
            _("The year must lie between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": today.year + 1},
        )
        year = None
    batches = data.get("batches")
    if not isinstance(batches, int) or batches < 1:
        add("batches", _("Draw at least one batch."))
    elif batches > MAX_BATCHES:
        add("batches", _("At most %(count)d batches in one plan.") % {"count": MAX_BATCHES})
    kinds = list(data.get("site_kinds") or [])
    if not kinds:
        add("site_kinds", _("Choose at least one place to sample."))
    elif not set(kinds) <= set(Sample.SiteKind.values):
        add("site_kinds", _("Choose among the listed places."))
    sample_by, test_by = data.get("sample_by"), data.get("test_by")
    if sample_by is None:
        add("sample_by", _("Give the sampling deadline."))
    elif year is not None and sample_by < dt.date(year, 1, 1):
        add(
            "sample_by",
            _("The sampling deadline cannot lie before the plan's year %(year)d.") % {"year": year},
        )
    if test_by is None:
        add("test_by", _("Give the testing deadline."))
    elif sample_by is not None and test_by < sample_by:
        add("test_by", _("The testing deadline cannot lie before the sampling deadline."))
    if not labs:
        add("labs", _("Choose at least one lab."))
    elif any(lab.kind != Agency.Kind.LAB or not lab.active for lab in labs):
        add("labs", _("Only active labs can test a plan's samples."))
    return problems


def _check_plan(actor: User, data: dict[str, Any], labs: list[Agency]) -> None:
    division = data.get("division")
    if division is not None and not actor.sees_division(division.code):
        raise DomainError(_("The plan's division is outside your region."), field="division")
    problems = plan_problems(data, labs)
    if problems:
        raise FieldsError(problems)


@transaction.atomic
def create_plan(*, actor: User, data: dict[str, Any], labs: list[Agency]) -> Plan:
    """A draft plan in the actor's region."""
    _check_plan(actor, data, labs)
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


def _locked_draft(plan: Plan, *, deleting: bool) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.DRAFT:
        status = plan.get_status_display()
        if deleting:
            message = _(
                "This plan cannot be deleted: its draw inputs are public (%(status)s) and "
                "it stays on record."
            )
        else:
            message = _(
                "This plan cannot be edited: its draw inputs are public (%(status)s) and "
                "what was published does not change."
            )
        raise DomainError(message % {"status": status}, code="published")
    return plan


def _lab_codes(plan: Plan) -> list[str]:
    return sorted(plan.labs.values_list("code", flat=True))


@transaction.atomic
def update_plan(*, actor: User, plan: Plan, data: dict[str, Any], labs: list[Agency]) -> Plan:
    """Edit a draft; refused once the seed and inputs are published."""
    plan = _locked_draft(plan, deleting=False)
    _check_plan(actor, data, labs)
    before = {**snapshot(plan, PLAN_FIELDS), "labs": _lab_codes(plan)}
    for key, value in data.items():
        if key in PLAN_FIELDS:
            setattr(plan, key, value)
    after_fields = snapshot(plan, PLAN_FIELDS)
    old, new = changed(before, {**after_fields, "labs": sorted(lab.code for lab in labs)})
    fields = [k for k in new if k != "labs"]
    if fields:
        plan.save(update_fields=fields)
    plan.labs.set(labs)
    if new:
        record_change(
            actor=actor,
            action="spotcheck.plan.edited",
            target=plan,
            before=old,
            after=new,
            division_code=plan.division_id,
        )
    return plan


@transaction.atomic
def delete_plan(*, actor: User, plan: Plan, reason: str = "") -> None:
    """Delete a draft (nothing of it was published); refused after publication."""
    plan = _locked_draft(plan, deleting=True)
    if not actor.sees_division(plan.division_id):
        raise DomainError(_("The plan's division is outside your region."), field="division")
    record_change(
        actor=actor,
        action="spotcheck.plan.deleted",
        target=plan,
        before={**snapshot(plan, PLAN_FIELDS), "labs": _lab_codes(plan)},
        reason=reason.strip(),
        division_code=plan.division_id,
    )
    plan.labs.clear()
    plan.delete()


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
