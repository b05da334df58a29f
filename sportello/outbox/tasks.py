from django.tasks import task
from django.utils import timezone

from .delivery import deliver
from .models import OutboundMail, WebhookDelivery


def _deliver_or_reschedule(task, send, model, row_id):
    """django.tasks has no retries: a row still pending after an attempt is enqueued
    again for its next attempt's time."""
    state = send(row_id)
    if state == model.State.PENDING:
        task.using(run_after=model.objects.values_list("next_attempt_at", flat=True).get(pk=row_id)).enqueue(row_id)
    return state


@task
def deliver_mail(mail_id):
    return _deliver_or_reschedule(deliver_mail, deliver, OutboundMail, mail_id)


@task
def retry_due_mail(limit=200):
    """Safety net run by the scheduler: deliver rows whose retry time has come
    (for instance, queued while no worker was running)."""
    due = OutboundMail.objects.filter(state=OutboundMail.State.PENDING, next_attempt_at__lte=timezone.now())
    for mail_id in due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit]:
        deliver(mail_id)


@task
def deliver_webhook(delivery_id):
    from . import webhooks

    return _deliver_or_reschedule(deliver_webhook, webhooks.deliver, WebhookDelivery, delivery_id)


@task
def retry_due_webhooks(limit=200):
    """Safety net run by the scheduler, as for mail."""
    from .webhooks import deliver

    due = WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING, next_attempt_at__lte=timezone.now())
    for delivery_id in due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit]:
        deliver(delivery_id)
