from __future__ import annotations

from django_tasks import task

from cablewatch.sharing import delivery


@task()
def deliver_due() -> int:
    """Deliver the outbox rows that are due (the worker runs this after each event)."""
    done, _failed = delivery.deliver_due()
    return done
