from django.tasks import task

from sportello.outbox import tasks as outbox_tasks


@task
def poll_mailbox():
    from .imap import poll_mailbox as poll

    return poll()


def poll_soon():
    """The mailbox announced new mail: poll it, unless a poll is queued and not started
    yet (it will see the new mail). Every worker watches the mailbox, so each message
    was announced to all of them; polls that fetch it side by side only race to store it."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not DBTaskResult.objects.filter(task_path=poll_mailbox.module_path, status=TaskResultStatus.READY).exists():
        poll_mailbox.enqueue()


# Delivery moved to sportello.outbox; these names stay for tasks queued before the move.
@task
def deliver_mail(mail_id):
    return outbox_tasks.deliver_mail.call(mail_id)


@task
def retry_due_mail(limit=200):
    return outbox_tasks.retry_due_mail.call(limit)
