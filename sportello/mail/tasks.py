from django.tasks import task

from sportello.outbox import tasks as outbox_tasks


@task
def poll_mailbox():
    from .imap import poll_mailbox as poll

    return poll()


# Delivery moved to sportello.outbox; these names stay for tasks queued before the move.
@task
def deliver_mail(mail_id):
    return outbox_tasks.deliver_mail.call(mail_id)


@task
def retry_due_mail(limit=200):
    return outbox_tasks.retry_due_mail.call(limit)
