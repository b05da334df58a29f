"""The rollups written change by change equal the rollups counted from scratch, after
any sequence of the desk's operations spread over days (the DESIGN's invariant for
derived data), and each count moves with the ticket it counts."""

from collections import Counter

from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sportello.desk_script import OPERATIONS, enough_units, play
from sportello.reports.models import LiveTally, Tally
from sportello.reports.rollups import rebuild
from sportello.tickets import actions
from sportello.tickets.models import Ticket

from .histograms import histogram_buckets


def snapshot():
    """Every non-zero counter, as comparable data."""
    tallies = {(t.dimension, t.key, t.period): tuple(getattr(t, c) for c in Tally.COUNTERS)
               for t in Tally.objects.all()}
    live = {(t.dimension, t.key, t.status): t.count for t in LiveTally.objects.all()}
    minutes = {row[:-1]: row[-1] for row in histogram_buckets()}
    return ({k: v for k, v in tallies.items() if any(v)}, {k: v for k, v in live.items() if v},
            {k: v for k, v in minutes.items() if v})


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 7)), min_size=5, max_size=30))
@example(steps=[("later", 7), ("later", 7), ("split", 1)])
def test_incremental_rollups_equal_a_rebuild(people, open_ticket_for, steps):
    enough_units(people)
    play(steps, people, open_ticket_for)
    incremental = snapshot()
    rebuild()
    assert snapshot() == incremental
    created = sum(t.created for t in Tally.objects.filter(dimension="all"))
    assert created == Ticket.objects.count()
    # Each customer's own tickets by status, as the reserved area's tabs show them.
    recount = Counter()
    for company_id, contact_id, status in Ticket.objects.filter(contact__isnull=False).values_list(
            "company_id", "contact_id", "status"):
        recount[(f"{company_id}-{contact_id}", status)] += 1
    assert {(key, status): n for (dimension, key, status), n in incremental[1].items()
            if dimension == "contact"} == recount


def _created(dimension, key):
    return sum(Tally.objects.filter(dimension=dimension, key=str(key)).values_list("created", flat=True))


def _live(dimension, key, status):
    return sum(LiveTally.objects.filter(dimension=dimension, key=str(key), status=status)
               .values_list("count", flat=True))


def test_a_reassigned_ticket_moves_between_technicians(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    assert _live("technician", 0, "new") == 1
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    assert (_live("technician", 0, "new"), _live("technician", people.anna.pk, "open")) == (0, 1)
    actions.reassign_ticket(ticket=ticket, to=people.paolo, by=people.silvia)
    assert (_created("technician", people.anna.pk), _created("technician", people.paolo.pk)) == (0, 1)
    assert (_live("technician", people.anna.pk, "open"), _live("technician", people.paolo.pk, "open")) == (0, 1)


def test_a_first_response_is_counted_once_with_its_verdict(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Prima risposta")
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Seconda risposta")
    ticket.refresh_from_db()
    day = Tally.objects.get(dimension="all", period=timezone.localdate(ticket.first_response_at))
    assert (day.answered, day.answered_on_time) == (1, 1)
    month = Tally.objects.get(dimension="company", key=str(people.acme.pk))
    assert (month.created, month.answered) == (1, 1)


def test_a_deleted_ticket_leaves_the_counts(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    ticket.ledger_entries.all().delete()   # what protects it from deletion
    ticket.delete()
    assert snapshot() == ({}, {}, {})
