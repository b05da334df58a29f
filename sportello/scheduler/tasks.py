from django.tasks import task

from .heartbeat import forget_old
from .recovery import release_dead_workers_mail, release_dead_workers_webhooks, requeue_dead_workers_tasks


@task
def recover_dead_workers():
    """Tasks and outgoing mail held by a worker that stopped are taken over."""
    result = {"tasks": requeue_dead_workers_tasks(), "mail": release_dead_workers_mail(),
              "webhooks": release_dead_workers_webhooks()}
    forget_old()
    return result
