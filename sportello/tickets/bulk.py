"""Actions on several tickets at once, from the console's lists: take, hand over,
change status, merge into one. Each ticket goes through the same function as the
single action; if any ticket is refused, nothing is changed and every refusal is
reported with its reason."""

from django.db import transaction
from django.utils.translation import gettext as _

from sportello.refusals import Refused

from . import actions, derived
from .models import InvalidTransition
from .topic_actions import merge_tickets

MAX_TICKETS = 100


class BulkRefused(Exception):
    def __init__(self, refusals):
        self.refusals = refusals   # [(code, reason)]
        super().__init__("; ".join(f"{code}: {reason}" for code, reason in refusals))


class _Undo(Exception):
    pass


def _one(action, ticket, *, by, technician, status, into):
    if action == "take":
        result = actions.claim_ticket(ticket=ticket, technician=by)
        if not result.won:
            raise Refused(_("already taken by %(name)s") % {"name": result.holder.full_name}
                          if result.holder else _("no longer in the queue"))
    elif action == "assign":
        actions.reassign_ticket(ticket=ticket, to=technician, by=by)
    elif action == "status":
        actions.change_status(ticket=ticket, status=status, by=by)
    elif action == "merge" and ticket.pk != into.pk:
        merge_tickets(duplicate=ticket, into=into, by=by)


def apply(*, tickets, action, by, technician=None, status=None):
    """`tickets` in list order; a merge keeps the oldest and merges the others into it.
    Returns how many tickets were changed, or raises BulkRefused (nothing changed)."""
    tickets = sorted(tickets, key=lambda ticket: ticket.pk)
    into = tickets[0] if tickets else None
    refusals = []
    try:
        with transaction.atomic(), derived.written_once():
            for ticket in tickets:
                try:
                    with transaction.atomic():
                        _one(action, ticket, by=by, technician=technician, status=status, into=into)
                except InvalidTransition as error:
                    refusals.append((ticket.code, error.message))
                except actions.TicketClosed:
                    refusals.append((ticket.code, _("the ticket is closed")))
                except Refused as refusal:   # a lost claim, or a merge's own refusals
                    refusals.append((ticket.code, refusal.message))
            if refusals:
                raise _Undo
    except _Undo:
        raise BulkRefused(refusals) from None
    return len(tickets)
