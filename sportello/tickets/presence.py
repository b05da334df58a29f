"""Collision warning: technicians on the same ticket see each other ("Paolo sta
rispondendo") within a few seconds. Each open ticket page reports every few seconds;
a report older than STALE_SECONDS means the page was closed."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import TicketPresence

STALE_SECONDS = 15


def report(*, ticket, user, typing):
    """This user has the ticket open (and is writing, or not); returns the others."""
    now = timezone.now()
    if not TicketPresence.objects.filter(ticket=ticket, user=user).update(seen_at=now, typing=typing):
        try:
            with transaction.atomic():
                TicketPresence.objects.create(ticket=ticket, user=user, seen_at=now, typing=typing)
        except IntegrityError:   # the same person's other tab got there first
            TicketPresence.objects.filter(ticket=ticket, user=user).update(seen_at=now, typing=typing)
    return others(ticket=ticket, user=user, now=now)


def others(*, ticket, user, now=None):
    now = now or timezone.now()
    return list(TicketPresence.objects.filter(ticket=ticket, seen_at__gte=now - timedelta(seconds=STALE_SECONDS))
                .exclude(user=user).select_related("user").order_by("-typing", "user__full_name")[:10])


def leave(*, ticket, user):
    TicketPresence.objects.filter(ticket=ticket, user=user).delete()


def forget_old(*, older_than=timedelta(hours=1)):
    """Rows of pages closed long ago (the table stays as small as the desk)."""
    return TicketPresence.objects.filter(seen_at__lt=timezone.now() - older_than).delete()[0]
