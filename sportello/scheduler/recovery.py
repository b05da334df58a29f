"""What a dead worker held goes back to the living. django-tasks-db leaves a task
RUNNING forever when its worker is killed, and the outbox leaves a row `sending`:
once the worker's heartbeat is older than SPORTELLO_WORKER_DEAD_AFTER, the task is
made ready again and the row pending again, for another worker.

The outbox row is retried with the same Message-ID. It was sent twice only if the
worker died in the instant between the mail server accepting the message and our
commit of "sent" (about a millisecond); mail clients merge copies with one
Message-ID."""

import logging

from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .heartbeat import dead_after, live_worker_ids

logger = logging.getLogger("sportello.scheduler")


def requeue_dead_workers_tasks(now=None):
    """RUNNING tasks whose worker stopped beating: READY again. Returns how many."""
    now = now or timezone.now()
    alive = live_worker_ids(now)
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=now - dead_after())
    requeued = 0
    for task_id, worker_ids in stale.values_list("id", "worker_ids"):
        if worker_ids and worker_ids[-1] in alive:
            continue
        with transaction.atomic():
            requeued += DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY, started_at=None)
    if requeued:
        logger.warning("Requeued %s task(s) held by workers that stopped", requeued)
    return requeued


def _release(model, task, now):
    """Outbox rows `sending` whose worker stopped beating: pending again, and delivered."""
    now = now or timezone.now()
    alive = live_worker_ids(now)
    sending = model.State.SENDING
    stuck = (model.objects.filter(state=sending, claimed_at__lt=now - dead_after())
             .exclude(claimed_by="").exclude(claimed_by__in=alive))
    released = []
    for row_id in stuck.values_list("pk", flat=True)[:500]:
        with transaction.atomic():
            if model.objects.filter(pk=row_id, state=sending).exclude(claimed_by__in=alive).update(
                    state=model.State.PENDING, next_attempt_at=now, claimed_by=""):
                released.append(row_id)
                transaction.on_commit(lambda row_id=row_id: task.enqueue(row_id))
    if released:
        logger.warning("Released %s %s held by workers that stopped", len(released), model._meta.verbose_name_plural)
    return len(released)


def release_dead_workers_mail(now=None):
    from sportello.outbox.models import OutboundMail
    from sportello.outbox.tasks import deliver_mail

    return _release(OutboundMail, deliver_mail, now)


def release_dead_workers_webhooks(now=None):
    from sportello.outbox.models import WebhookDelivery
    from sportello.outbox.tasks import deliver_webhook

    return _release(WebhookDelivery, deliver_webhook, now)
