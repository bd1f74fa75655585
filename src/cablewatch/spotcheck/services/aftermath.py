"""After the verdict: re-test within the legal window, and rectification of failures."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.audit import record_change
from cablewatch.base.deadlines import RETEST_WINDOW_DAYS
from cablewatch.base.errors import DomainError, PermissionDeniedError
from cablewatch.base.events import Event, publish
from cablewatch.base.models import Agency, User
from cablewatch.spotcheck.models import Rectification, Retest, Sample
from cablewatch.spotcheck.services.results import items_for

NOT_RETESTED = {"voltage_test"}  # destructive on the first sample: never re-tested


def retest_deadline(sample: Sample) -> dt.date | None:
    if sample.notified_on is None:
        return None
    return sample.notified_on + dt.timedelta(days=RETEST_WINDOW_DAYS)


def retest_window(sample: Sample, *, retest: bool | None = None) -> dt.date | None:
    """The last day a re-test may be applied for, or None when none can be: a passing
    result, a failure of items that are never re-tested, or a re-test's own (final)
    result. The one rule for the enterprise's page, announcements and `report list`."""
    if retest is None:
        retest = Retest.objects.filter(sample=sample).exists()
    if retest or not sample.final or sample.verdict != "fail" or not retestable_items(sample):
        return None
    return retest_deadline(sample)


def retestable_items(sample: Sample) -> list[str]:
    return [
        i["item"]
        for i in items_for(sample)
        if i["item"] in sample.failed_items and i["measurement"] not in NOT_RETESTED
    ]


def _check_own_enterprise(actor: User, sample: Sample) -> None:
    if actor.enterprise_id != sample.enterprise_id:
        raise PermissionDeniedError(_("Only the sampled enterprise may do this."))


@transaction.atomic
def request_retest(
    *, actor: User, sample: Sample, items: list[str], reason: str, lab: Agency | None = None
) -> Retest:
    """The enterprise's application: disputed failed items only, within 15 days; the
    backup sample goes to another lab; its result will be final."""
    sample = Sample.objects.select_for_update().get(pk=sample.pk)
    _check_own_enterprise(actor, sample)
    deadline = retest_deadline(sample)
    if not sample.final or deadline is None or sample.verdict != "fail":
        raise DomainError(_("Only a final failing result can be re-tested."), code="state")
    if timezone.localdate() > deadline:
        raise DomainError(
            _("The re-test window closed on %(date)s.") % {"date": deadline.isoformat()},
            code="window_closed",
        )
    if Retest.objects.filter(sample=sample).exists():
        raise DomainError(_("A re-test was already requested; its result is final."))
    allowed = set(retestable_items(sample))
    if not items or not set(items) <= allowed:
        raise DomainError(_("Choose among the failed items that can be re-tested."), field="items")
    if not reason.strip():
        raise DomainError(_("State the grounds of the application."), field="reason")
    lab = lab or _other_lab(sample)
    if lab.pk == sample.lab_id or lab.kind != Agency.Kind.LAB:
        raise DomainError(_("The re-test must go to a different lab."), field="lab")
    retest = Retest.objects.create(
        sample=sample,
        items=sorted(items),
        reason=reason.strip()[:500],
        lab=lab,
        requested_by=actor,
        requested_on=timezone.localdate(),
    )
    sample.status = Sample.Status.RETEST
    sample.save(update_fields=["status"])
    record_change(
        actor=actor,
        action="spotcheck.retest.requested",
        target=retest,
        after={"items": retest.items, "lab": lab.code},
        reason=retest.reason,
        division_code=sample.plan_division_id,
    )
    report = sample.reports.filter(superseded=False).order_by("-number").first()
    publish(
        Event(
            "spotcheck.retest.requested",
            {
                "sample_id": sample.pk,
                "report_number": report.number if report else None,
                "plan_division": sample.plan_division_id,
            },
            division_code=sample.plan_division_id,
            actor_id=actor.pk,
        )
    )
    return retest


def _other_lab(sample: Sample) -> Agency:
    labs = Agency.objects.filter(kind=Agency.Kind.LAB, active=True).exclude(pk=sample.lab_id)
    lab = labs.order_by("code").first()
    if lab is None:
        raise DomainError(_("No other lab is available for the re-test."))
    return lab


@transaction.atomic
def file_rectification(*, actor: User, sample: Sample, text: str) -> Rectification:
    _check_own_enterprise(actor, sample)
    rect = Rectification.objects.select_for_update().filter(sample=sample).first()
    if rect is None or rect.status != Rectification.Status.OPEN:
        raise DomainError(_("No rectification is awaiting a report."), code="state")
    if not text.strip():
        raise DomainError(_("Describe the rectification."), field="text")
    rect.report_text, rect.filed_on = text.strip(), timezone.localdate()
    rect.status = Rectification.Status.FILED
    rect.save(update_fields=["report_text", "filed_on", "status"])
    record_change(
        actor=actor,
        action="spotcheck.rectification.filed",
        target=rect,
        after={"filed_on": rect.filed_on},
        division_code=sample.plan_division_id,
    )
    return rect


@transaction.atomic
def schedule_recheck(*, actor: User, rect: Rectification, on: dt.date) -> Rectification:
    rect = Rectification.objects.select_for_update().get(pk=rect.pk)
    if on > rect.recheck_by:
        raise DomainError(
            _("The re-check is due by %(date)s.") % {"date": rect.recheck_by.isoformat()},
            field="on",
        )
    before = rect.recheck_on
    rect.recheck_on = on
    rect.save(update_fields=["recheck_on"])
    record_change(
        actor=actor,
        action="spotcheck.rectification.recheck_scheduled",
        target=rect,
        before={"recheck_on": before},
        after={"recheck_on": on},
        division_code=rect.sample.plan_division_id,
    )
    return rect
