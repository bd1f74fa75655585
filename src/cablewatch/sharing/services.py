"""Changes people make on the sharing side: answering an inbox item."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.audit import record_change
from cablewatch.base.errors import ConflictError, DomainError
from cablewatch.base.models import User
from cablewatch.sharing.models import Notification


@transaction.atomic
def respond(*, actor: User, notification: Notification, response: str) -> Notification:
    """Record what the agency did (e.g. whether the certificate is suspended)."""
    item = Notification.objects.select_for_update().get(pk=notification.pk)
    if item.done_at is not None:
        raise ConflictError(_("This item is already answered."), field="response")
    if item.action and not response.strip():
        raise DomainError(_("Say what was done."), field="response")
    item.response, item.done_at, item.done_by = response.strip(), timezone.now(), actor
    item.save(update_fields=["response", "done_at", "done_by"])
    record_change(
        actor=actor,
        action="sharing.notification.answered",
        target=item,
        after={"response": item.response},
        division_code=item.agency.division_id,
    )
    return item
