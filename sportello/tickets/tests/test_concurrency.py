"""Races between technicians and between customers, with real threads and real
connections (SQLite file database with IMMEDIATE transactions, or PostgreSQL)."""

import pytest

from sportello.testing import run_together
from sportello.tickets import actions
from sportello.tickets.models import Event, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def test_exactly_one_of_several_technicians_gets_the_ticket(people, open_ticket_for):
    from sportello.accounts.models import User

    ticket = open_ticket_for(people.giulia)
    technicians = [people.anna, people.paolo] + [
        User.objects.create_user(f"tech{n}@sportello.test", "x", full_name=f"Tech {n}", role=User.Role.TECHNICIAN)
        for n in range(4)]
    results = run_together([lambda t=t: actions.claim_ticket(ticket=ticket, technician=t) for t in technicians])
    winners = [r for r in results if r.won]
    assert len(winners) == 1
    winner = winners[0].holder
    # Every loser is told who holds it.
    assert all(r.holder == winner for r in results)
    ticket.refresh_from_db()
    assert ticket.assignee == winner and ticket.status == Ticket.Status.OPEN
    assert ticket.events.filter(kind=Event.Kind.ASSIGNED).count() == 1


def test_ticket_codes_stay_unique_under_concurrent_openings(people, open_ticket_for):
    customers = [people.giulia, people.mario, people.luca] * 4
    tickets = run_together([lambda u=u: open_ticket_for(u) for u in customers])
    codes = [t.code for t in tickets]
    assert len(set(codes)) == len(codes) == 12
    numbers = sorted(int(code[2:]) for code in codes)
    assert numbers == list(range(numbers[0], numbers[0] + 12)), "codes are consecutive, none lost"
    assert Ticket.objects.count() == 12
