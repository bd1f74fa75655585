"""The delivery task: with only `cablewatch worker` running, everything due is sent and
every retry is sent when its back-off ends (no separate delivery loop is needed)."""

from __future__ import annotations

from django.db.models import Min
from django_tasks import task

from cablewatch.sharing import delivery
from cablewatch.sharing.models import Delivery

# One task sends at most this many batches (of delivery.deliver_due's limit each), so a
# flood of new events cannot hold one worker for ever; it then hands on to a new task.
MAX_ROUNDS = 40


@task()
def deliver_due() -> int:
    """Deliver until nothing is due now; then come back when the next retry is due.

    Each delivery is tried at most once per task: one that fails waits for its back-off
    (a later task), rather than being hammered in this loop."""
    total = 0
    tried: set[int] = set()
    for _round in range(MAX_ROUNDS):
        done, failed = delivery.deliver_due(exclude=tried, attempted=tried)
        total += done
        if done + failed == 0:
            break
    else:
        enqueue_delivery()  # still more due: a fresh task goes on with it
        return total
    schedule_next_retry()
    return total


def _waiting(*, run_after_set: bool | None = None) -> bool:
    """Whether a delivery task is queued and not started (the database backend only)."""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(deliver_due.get_backend(), DatabaseBackend):
        return False
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path=deliver_due.module_path, status="READY")
    if run_after_set is not None:
        queued = queued.filter(run_after__isnull=not run_after_set)
    return queued.exists()


def enqueue_delivery() -> None:
    """Ask the worker to deliver now, unless a delivery task is already waiting to start:
    it has not started yet, so it will see every row committed before this call."""
    if _waiting(run_after_set=False):
        return
    deliver_due.enqueue()


def schedule_next_retry() -> None:
    """Queue a delivery task for when the earliest waiting retry is due."""
    backend = deliver_due.get_backend()
    if not backend.supports_defer:
        return  # the inline backend of tests and TASKS_INLINE: `sharing deliver` loops
    due = Delivery.objects.filter(status=Delivery.Status.PENDING).aggregate(
        first=Min("next_attempt_at")
    )["first"]
    if due is None or _waiting(run_after_set=True):
        return
    deliver_due.using(run_after=due).enqueue()
