"""Warnings before and after a deadline. Each is claimed by a compare-and-set on
the ticket's warning level, so two workers never send the same warning."""

from django.db import transaction
from django.utils import timezone

from sportello.accounts.models import User
from sportello.outbox import emails
from sportello.tickets.models import Ticket
from sportello.web.metrics import SLA_WARNINGS


def _claim(ticket, level):
    """Raise the ticket's warning level for its current answer cycle; False if another worker did."""
    return Ticket.objects.filter(pk=ticket.pk, sla_warning_level__lt=level,
                                 response_started_at=ticket.response_started_at).update(sla_warning_level=level) == 1


def warn_due_tickets(*, now=None, limit=500):
    """At 75% of the target warn the assignee (or, when nobody has the ticket, the
    technicians); when missed, warn the supervisors. Returns (at risk, missed)."""
    now = now or timezone.now()
    live = Ticket.objects.open().select_related("company", "assignee")
    sent = [0, 0]
    missed = live.filter(sla_warning_level__lt=2, response_due_at__lte=now).order_by("response_due_at")[:limit]
    supervisors = list(User.objects.filter(is_active=True, role=User.Role.SUPERVISOR))
    for ticket in missed:
        with transaction.atomic():
            if _claim(ticket, 2):
                for user in supervisors:
                    emails.queue_sla_warning(ticket=ticket, user=user, missed=True)
                sent[1] += 1
    at_risk = live.filter(sla_warning_level=0, response_at_risk_at__lte=now).order_by("response_at_risk_at")[:limit]
    for ticket in at_risk:
        with transaction.atomic():
            if _claim(ticket, 1):
                for user in [ticket.assignee] if ticket.assignee else _technicians_on_duty():
                    emails.queue_sla_warning(ticket=ticket, user=user, missed=False)
                sent[0] += 1
    SLA_WARNINGS.labels("at_risk").inc(sent[0])
    SLA_WARNINGS.labels("missed").inc(sent[1])
    return tuple(sent)


def _technicians_on_duty():
    return list(User.objects.filter(is_active=True, role=User.Role.TECHNICIAN))


