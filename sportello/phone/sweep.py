"""Call-back targets warn like ticket deadlines: at 75% the technicians, when missed
the supervisors; each once, claimed by compare-and-set on the warning level."""

from django.db import transaction
from django.utils import timezone

from sportello.accounts.models import User
from sportello.outbox import emails

from .models import CallbackRequest


def warn_due_callbacks(*, now=None, limit=200):
    now = now or timezone.now()
    live = CallbackRequest.objects.filter(state__in=[CallbackRequest.State.WAITING, CallbackRequest.State.CLAIMED])
    sent = [0, 0]
    for level, field, role, index in ((2, "due_at", User.Role.SUPERVISOR, 1), (1, "at_risk_at", User.Role.TECHNICIAN, 0)):
        for callback in live.filter(warning_level__lt=level, **{f"{field}__lte": now}).select_related("company")[:limit]:
            with transaction.atomic():
                if CallbackRequest.objects.filter(pk=callback.pk, warning_level__lt=level).update(warning_level=level):
                    for user in User.objects.filter(is_active=True, role=role):
                        emails.queue_callback_warning(callback=callback, user=user, missed=level == 2)
                    sent[index] += 1
    return tuple(sent)
