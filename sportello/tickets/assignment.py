"""The procedure's "first available technician": technicians say whether they are
available; when a supervisor turns automatic assignment on, each new ticket goes to
the available technician with the fewest open tickets (ties: the one who waited
longest since their last one), through the same compare-and-set as a manual claim.

Choosers take turns on the settings row's lock, so two workers never pick from the
same counts; the claim itself still refuses a ticket someone took by hand meanwhile."""

from datetime import datetime

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from sportello.accounts.models import User
from sportello.reports.queries import live

from . import actions
from .models import AutoAssignment, Ticket

LIVE = (Ticket.Status.NEW, Ticket.Status.OPEN, Ticket.Status.WAITING)
MAX_PER_SWEEP = 500


def set_availability(*, user, availability):
    User.objects.filter(pk=user.pk).update(availability=availability)
    if availability == User.Availability.AVAILABLE:
        transaction.on_commit(lambda: assign_waiting_task.enqueue())


def set_enabled(*, enabled, by):
    AutoAssignment.current()
    AutoAssignment.objects.filter(pk=1).update(is_enabled=enabled, changed_by=by, changed_at=timezone.now())
    if enabled:
        transaction.on_commit(lambda: assign_waiting_task.enqueue())


def _least_loaded(people):
    load = live("technician")
    oldest = timezone.make_aware(datetime(2000, 1, 1))
    return min(people, key=lambda person: (sum(load[str(person.pk)][status] for status in LIVE),
                                           person.last_assigned_at or oldest, person.pk))


def assign_next():
    """Give the head of the queue to someone. Returns the ticket, or None when there is
    nothing to do (switched off, empty queue, nobody available)."""
    with transaction.atomic():
        switch = AutoAssignment.objects.select_for_update(no_key=True).filter(pk=1).first()
        if switch is None or not switch.is_enabled:
            return None
        ticket = Ticket.objects.queue().order_by("response_due_at", "id").first()
        people = list(User.objects.filter(is_active=True, role=User.Role.TECHNICIAN,
                                          availability=User.Availability.AVAILABLE))
        if ticket is None or not people:
            return None
        chosen = _least_loaded(people)
        if actions.claim_ticket(ticket=ticket, technician=chosen, automatic=True).won:
            User.objects.filter(pk=chosen.pk).update(last_assigned_at=timezone.now())
        return ticket


def assign_waiting(*, limit=MAX_PER_SWEEP):
    assigned = 0
    for _ in range(limit):
        if assign_next() is None:
            break
        assigned += 1
    return assigned


@task
def assign_waiting_task():
    """After a ticket is opened, a technician becomes available, or every minute."""
    return {"assigned": assign_waiting()}
