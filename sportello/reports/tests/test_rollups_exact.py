"""The rollups written change by change equal the rollups counted from scratch, after
any sequence of the desk's operations spread over days (the DESIGN's invariant for
derived data), and each count moves with the ticket it counts."""

from datetime import timedelta
from unittest import mock

from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sportello.customers import ledger
from sportello.customers.models import PackageProduct
from sportello.reports.models import LiveTally, Tally
from sportello.reports.rollups import rebuild
from sportello.tickets import actions
from sportello.tickets.models import Ticket, TopicSettings
from sportello.tickets.topic_actions import merge_tickets, split_ticket

OPERATIONS = ["open", "claim", "reply", "wait", "customer", "resolve", "reopen", "close", "split", "merge",
              "reassign", "urgent", "later", "delete"]


def snapshot():
    """Every non-zero counter, as comparable data."""
    tallies = {(t.dimension, t.key, t.period): tuple(getattr(t, c) for c in Tally.COUNTERS)
               for t in Tally.objects.all()}
    live = {(t.dimension, t.key, t.status): t.count for t in LiveTally.objects.all()}
    return ({k: v for k, v in tallies.items() if any(v)}, {k: v for k, v in live.items() if v})


class Clock:
    """timezone.now() under the test's control, so tickets live over several days."""

    def __init__(self):
        self.now = timezone.now() - timedelta(days=20)   # the package bought 30 days ago is valid

    def __call__(self):
        return self.now


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 7)), min_size=5, max_size=30))
@example(steps=[("later", 7), ("later", 7), ("split", 1)])
def test_incremental_rollups_equal_a_rebuild(people, open_ticket_for, steps):
    # The examples share one database: each brings the units its openings need.
    product = PackageProduct.objects.get_or_create(name="Scorta", defaults={"units": 100})[0]
    for company in (people.acme, people.beta):
        ledger.record_purchase(company=company, product=product, purchased_on=ledger.today() - timedelta(days=30),
                               by=None)
    clock = Clock()
    with mock.patch("django.utils.timezone.now", clock):
        tickets = [open_ticket_for(people.giulia)]
        for operation, pick in steps:
            ticket = Ticket.objects.filter(pk=tickets[pick % len(tickets)].pk).first()
            if operation == "open":
                tickets.append(open_ticket_for(people.luca if pick % 2 else people.giulia, subject=f"Nuovo {pick}"))
            elif operation == "later":
                clock.now += timedelta(hours=5 * pick + 1)
            elif ticket is None or ticket.is_closed:
                continue
            elif operation == "claim" and ticket.status == "new":
                actions.claim_ticket(ticket=ticket, technician=people.anna)
            elif operation == "reply":
                actions.reply_to_customer(ticket=ticket, author=people.paolo, body=f"Risposta {pick}")
            elif operation == "wait" and ticket.status == "open":
                actions.change_status(ticket=ticket, status="waiting", by=people.anna)
            elif operation == "customer":
                actions.reply_as_customer(ticket=ticket, author=ticket.contact, body="Ancora bloccato")
            elif operation == "resolve" and ticket.status in ("open", "waiting"):
                actions.change_status(ticket=ticket, status="resolved", by=people.anna)
            elif operation == "reopen" and ticket.status == "resolved":
                actions.change_status(ticket=ticket, status="open", by=people.anna)
            elif operation == "close" and ticket.status in ("resolved", "new"):
                actions.change_status(ticket=ticket, status="closed", by=people.anna)
            elif operation == "split":
                # Half the splits keep the original's opening time (a supervisors' setting).
                TopicSettings.objects.update_or_create(pk=1, defaults={"split_deadline_from_split": pick % 2 == 0})
                tickets.append(split_ticket(ticket=ticket, text="Seconda domanda", subject="Diviso", by=people.anna))
            elif operation == "merge":
                other = Ticket.objects.filter(company=ticket.company).exclude(pk=ticket.pk).exclude(
                    status="closed").first()
                if other is not None:
                    merge_tickets(duplicate=ticket, into=other, by=people.anna)
            elif operation == "reassign":
                actions.reassign_ticket(ticket=ticket, to=people.paolo if pick % 2 else people.anna, by=people.silvia)
            elif operation == "urgent":
                actions.set_priority(ticket=ticket, priority="urgent" if pick % 2 else "normal", by=people.silvia)
            elif operation == "delete":
                ticket.ledger_entries.all().delete()   # what protects it from deletion
                ticket.delete()
    incremental = snapshot()
    rebuild()
    assert snapshot() == incremental
    created = sum(t.created for t in Tally.objects.filter(dimension="all"))
    assert created == Ticket.objects.count()


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
    assert snapshot() == ({}, {})
