"""Writers of different companies run at the same moment (on PostgreSQL truly in
parallel) and add to the same counters: nothing is lost or counted twice."""

import pytest

from sportello.reports.models import LiveTally, Tally
from sportello.reports.rollups import rebuild
from sportello.testing import run_together
from sportello.tickets import actions
from sportello.tickets.models import Ticket

from .test_rollups_exact import snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_openings_and_claims_add_up(people, open_ticket_for):
    openings = [lambda n=n: open_ticket_for(people.giulia if n % 2 else people.luca, subject=f"Richiesta {n}")
                for n in range(16)]
    run_together(openings, timeout=120)
    tickets = list(Ticket.objects.all())
    run_together([lambda t=t, n=n: actions.claim_ticket(ticket=t, technician=people.anna if n % 2 else people.paolo)
                  for n, t in enumerate(tickets)], timeout=120)
    counted = snapshot()
    assert sum(t.created for t in Tally.objects.filter(dimension="all")) == 16
    assert LiveTally.objects.get(dimension="all", status="open").count == 16
    rebuild()
    assert snapshot() == counted
