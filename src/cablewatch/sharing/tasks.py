from __future__ import annotations

from django_tasks import task

from cablewatch.sharing import delivery


@task()
def deliver_due() -> int:
    """Deliver the outbox rows that are due (the worker runs this after each event)."""
    done, _failed = delivery.deliver_due()
    return done


def enqueue_delivery() -> None:
    """Ask the worker to deliver, unless a delivery task is already waiting: a waiting
    task has not started yet, so it will see every row committed before this call."""
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(deliver_due.get_backend(), DatabaseBackend):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(
            task_path=deliver_due.module_path, status="READY"
        ).exists()
        if waiting:
            return
    deliver_due.enqueue()
