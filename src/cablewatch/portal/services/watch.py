"""Watch lists and their alerts (a background task enqueued on commit)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from cablewatch.base.errors import DomainError
from cablewatch.base.models import User
from cablewatch.lib import creditcode
from cablewatch.lib.textnorm import normalise_name
from cablewatch.portal.models import PublishedResult, WatchItem, WatchList
from cablewatch.portal.models.results import designation_key

MAX_ITEMS = 200


def item_key(kind: str, value: str) -> str:
    if kind == WatchItem.Kind.CREDIT_CODE:
        return creditcode.normalise(value)
    if kind == WatchItem.Kind.NAME:
        return normalise_name(value)
    return designation_key(value)


@transaction.atomic
def create_watch_list(*, actor: User | None, name: str, email_alerts: bool = True) -> WatchList:
    owner = actor if actor is not None and actor.is_authenticated else None
    return WatchList.objects.create(
        name=name.strip()[:100] or _("My watch list"),
        owner=owner,
        email_alerts=email_alerts and owner is not None,
    )


@transaction.atomic
def add_watch_item(*, watch_list: WatchList, kind: str, value: str) -> WatchItem:
    if kind not in WatchItem.Kind.values:
        raise DomainError(_("Unknown kind."), field="kind")
    key = item_key(kind, value)
    if not key:
        raise DomainError(_("Enter something to follow."), field="value")
    if kind == WatchItem.Kind.CREDIT_CODE and not creditcode.is_valid(key):
        raise DomainError(_("Not a valid unified social credit code."), field="value")
    if watch_list.items.count() >= MAX_ITEMS:
        raise DomainError(_("A watch list holds at most 200 items."))
    item, _created = WatchItem.objects.get_or_create(
        watch_list=watch_list, kind=kind, key=key, defaults={"value": value.strip()[:200]}
    )
    return item


@transaction.atomic
def remove_watch_item(*, watch_list: WatchList, item_id: int) -> None:
    watch_list.items.filter(pk=item_id).delete()


def matching_results(watch_list: WatchList) -> QuerySet[PublishedResult]:
    """Published results about anything on the list (newest first)."""
    cond = Q(pk__in=[])
    for item in watch_list.items.all():
        if item.kind == WatchItem.Kind.CREDIT_CODE:
            cond |= Q(credit_code=item.key) | Q(enterprise__credit_code=item.key)
        elif item.kind == WatchItem.Kind.NAME:
            cond |= Q(enterprise_key__contains=item.key)
        else:
            cond |= Q(designation_key__contains=item.key)
    return PublishedResult.objects.filter(cond).order_by("-pk")


def queue_alerts(result_ids: list[int]) -> None:
    """After the publishing transaction commits, check the watch lists in the background."""
    if result_ids:
        transaction.on_commit(lambda: send_watch_alerts.enqueue(result_ids))


@task()
def send_watch_alerts(result_ids: list[int]) -> int:
    """E-mail each registered owner the new results that match their lists; returns mails sent."""
    sent = 0
    lists = WatchList.objects.filter(email_alerts=True, owner__isnull=False).exclude(
        owner__email=""
    )
    for watch_list in lists.select_related("owner").prefetch_related("items"):
        hits = list(matching_results(watch_list).filter(pk__in=result_ids)[:100])
        if hits:
            _mail(watch_list, hits)
            sent += 1
    return sent


def _mail(watch_list: WatchList, hits: list[PublishedResult]) -> None:
    owner = watch_list.owner
    if owner is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"watch_list": watch_list, "hits": hits, "site": settings.SITE_URL}
        subject = render_to_string("portal/email/watch_subject.txt", context).strip()
        body = render_to_string("portal/email/watch_body.txt", context)
        html = render_to_string("portal/email/watch_body.html", context)
    send_mail(subject, body, None, [owner.email], html_message=html)
