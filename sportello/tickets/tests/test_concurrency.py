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


def test_merge_and_refunds_of_the_same_ticket_at_once_give_back_one_unit(people, open_ticket_for):
    """PostgreSQL used to deadlock here: the merge locked the tickets and then the company,
    a refund the company and then (writing rows that point at it) the ticket."""
    from sportello.customers import ledger
    from sportello.customers.models import LedgerEntry
    from sportello.tickets.topic_actions import merge_tickets

    for round_ in range(3):
        duplicate, survivor = open_ticket_for(people.giulia), open_ticket_for(people.giulia)
        actions.claim_ticket(ticket=duplicate, technician=people.anna)
        before = ledger.available_units(people.acme)

        def refund(duplicate=duplicate):
            try:
                ledger.refund_unit(ticket=duplicate, reason=ledger.RefundReason.MISTAKE, by=people.paolo)
                return "refunded"
            except ledger.LedgerRefused:
                return "refused"

        def merge(duplicate=duplicate, survivor=survivor):
            merge_tickets(duplicate=duplicate, into=survivor, by=people.anna)
            return "merged"

        results = run_together([merge, refund, refund] if round_ % 2 else [refund, merge, refund])
        assert sorted(results).count("merged") == 1 and results.count("refunded") <= 1
        assert LedgerEntry.objects.filter(ticket=duplicate, kind__in=["refund", "adjust"]).count() == 1
        assert ledger.available_units(people.acme) == before + 1
        duplicate.refresh_from_db()
        assert duplicate.status == Ticket.Status.CLOSED


def test_splits_and_openings_of_one_company_at_once_never_deadlock(people, open_ticket_for):
    from sportello.tickets.topic_actions import split_ticket

    original = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=original, technician=people.anna)
    work = [lambda n=n: split_ticket(ticket=original, text=f"Parte {n}", subject=f"Parte {n}", by=people.anna)
            for n in range(3)] + [lambda: open_ticket_for(people.mario) for _ in range(3)]
    tickets = run_together(work)
    assert len({t.code for t in tickets}) == 6
