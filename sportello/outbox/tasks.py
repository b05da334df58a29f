from django.tasks import task
from django.utils import timezone

from .delivery import deliver
from .models import OutboundMail, WebhookDelivery


@task
def deliver_mail(mail_id):
    state = deliver(mail_id)
    if state == OutboundMail.State.PENDING:
        # django.tasks has no retries: schedule the next attempt ourselves.
        mail = OutboundMail.objects.get(pk=mail_id)
        deliver_mail.using(run_after=mail.next_attempt_at).enqueue(mail_id)
    return state


@task
def retry_due_mail(limit=200):
    """Safety net run by the scheduler: deliver rows whose retry time has come
    (for instance, queued while no worker was running)."""
    due = OutboundMail.objects.filter(state=OutboundMail.State.PENDING, next_attempt_at__lte=timezone.now())
    for mail_id in due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit]:
        deliver(mail_id)


@task
def deliver_webhook(delivery_id):
    from .webhooks import deliver

    state = deliver(delivery_id)
    if state == WebhookDelivery.State.PENDING:
        delivery = WebhookDelivery.objects.get(pk=delivery_id)
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery_id)
    return state


@task
def retry_due_webhooks(limit=200):
    """Safety net run by the scheduler, as for mail."""
    from .webhooks import deliver

    due = WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING, next_attempt_at__lte=timezone.now())
    for delivery_id in due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit]:
        deliver(delivery_id)
