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


def release_dead_workers_mail(now=None):
    """Outbox rows `sending` whose worker stopped beating: pending again, and delivered."""
    from sportello.outbox.models import OutboundMail
    from sportello.outbox.tasks import deliver_mail

    now = now or timezone.now()
    alive = live_worker_ids(now)
    stuck = (OutboundMail.objects.filter(state=OutboundMail.State.SENDING, claimed_at__lt=now - dead_after())
             .exclude(claimed_by="").exclude(claimed_by__in=alive))
    released = []
    for mail_id in stuck.values_list("pk", flat=True)[:500]:
        with transaction.atomic():
            if OutboundMail.objects.filter(pk=mail_id, state=OutboundMail.State.SENDING).exclude(
                    claimed_by__in=alive).update(state=OutboundMail.State.PENDING, next_attempt_at=now,
                                                 claimed_by=""):
                released.append(mail_id)
                transaction.on_commit(lambda mail_id=mail_id: deliver_mail.enqueue(mail_id))
    if released:
        logger.warning("Released %s outgoing mail(s) held by workers that stopped", len(released))
    return len(released)
