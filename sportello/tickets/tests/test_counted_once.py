"""A change made of several changes (the properties panel, a merge, a split, a selection
of tickets, a phone call that opens a ticket, several tickets opened at once) adds to the
rollup counters in one statement per table, at the end of its transaction. Each statement
locks its counters in key order; two of them in one transaction would lock counters out
of that order, and on PostgreSQL a writer doing the same in the other order deadlocks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sportello.phone.actions import CallFields, log_call
from sportello.reports.models import LiveTally, MinutesHistogram, Tally
from sportello.reports.rollups import rebuild
from sportello.reports.tests.test_rollups_exact import snapshot
from sportello.tickets import actions, bulk
from sportello.tickets.actions import TicketFields
from sportello.tickets.models import RequestType, Ticket, TopicSettings
from sportello.tickets.topic_actions import merge_tickets, split_ticket

# From the models, so a renamed table cannot make the counts below silently 0.
TALLY, LIVE, HISTOGRAM = (model._meta.db_table for model in (Tally, LiveTally, MinutesHistogram))


def writes_per_table(change):
    with CaptureQueriesContext(connection) as queries:
        change()
    return {table: sum(f'INSERT INTO "{table}"' in query["sql"] for query in queries)
            for table in (TALLY, LIVE, HISTOGRAM)}


def fields(subject):
    return TicketFields(request_type=RequestType.objects.get(name="Installazione"), requester_name="Giulia Bianchi",
                        callback_phone="02 1234 5678", answer_email="giulia@acme.test", subject=subject,
                        description="Il programma non si installa sul server.")


def changes(people, open_ticket_for):
    """name → the change, on tickets opened (and answered, so first responses count) here."""
    first, second, third, fourth = (open_ticket_for(people.giulia, subject=f"Richiesta {n}") for n in range(4))
    # A split that keeps the original's opening time counts the new ticket a second time.
    TopicSettings.objects.update_or_create(pk=1, defaults={"split_deadline_from_split": False})
    for ticket in (first, second):
        actions.reply_to_customer(ticket=ticket, author=people.anna, body="Ci guardo subito.")
    return {
        "properties panel": lambda: actions.update_properties(
            ticket=first, by=people.silvia, priority="urgent", request_type=RequestType.objects.get(name="Altro"),
            assignee=people.paolo, status="waiting"),
        "merge": lambda: merge_tickets(duplicate=second, into=first, by=people.anna),
        "split": lambda: split_ticket(ticket=first, text="E poi la stampa.", subject="Stampa", by=people.anna),
        "selection: status": lambda: bulk.apply(tickets=[first, second], action="status", by=people.anna,
                                                status="resolved"),
        "selection: take": lambda: bulk.apply(tickets=[third, fourth], action="take", by=people.paolo),
        "selection: merge": lambda: bulk.apply(tickets=[first, second, third], action="merge", by=people.anna),
        "phone call opening a ticket": lambda: log_call(
            company=people.acme, technician=people.anna, contact=people.giulia, new_ticket_fields=fields("Al telefono"),
            fields=CallFields(caller_name="Giulia Bianchi", topic="Installazione", duration_minutes=5,
                              outcome="ticket", notes="")),
    }


@pytest.mark.parametrize("name", ["properties panel", "merge", "split", "selection: status", "selection: take",
                                  "selection: merge", "phone call opening a ticket"])
def test_a_compound_change_adds_to_each_rollup_table_once(people, open_ticket_for, name):
    change = changes(people, open_ticket_for)[name]
    written = writes_per_table(change)
    assert written[TALLY] == 1 and written[LIVE] == 1, written
    assert written[HISTOGRAM] <= 1, written
    if name == "properties panel":   # the answered ticket's minutes move to its new technician
        assert written[HISTOGRAM] == 1, written
    counted = snapshot()
    rebuild()
    assert snapshot() == counted   # counted once, and counted right


def test_tickets_opened_together_in_the_reserved_area_are_counted_in_one_statement(people, login):
    client = login(people.giulia)
    written = writes_per_table(lambda: client.post("/portal/tickets/new/split/", {
        "request_type": RequestType.objects.get(name="Installazione").pk, "requester_name": "Giulia Bianchi",
        "callback_phone": "02 1234 5678", "answer_email": "giulia@acme.test",
        "topic_subject": ["Stampa fatture", "Backup notturno", "Installazione"],
        "topic_description": ["La stampa delle fatture si blocca con errore 1042.",
                              "Il backup notturno non parte da lunedì.", "Il nuovo server non vede il programma."]}))
    assert Ticket.objects.count() == 3
    assert written[TALLY] == 1, written
    counted = snapshot()
    rebuild()
    assert snapshot() == counted


def test_a_refused_change_inside_the_block_writes_nothing_and_leaves_the_counts_right(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    before = snapshot()
    with pytest.raises(bulk.BulkRefused):
        bulk.apply(tickets=[ticket], action="status", by=people.anna, status="resolved")   # new → resolved: refused
    assert snapshot() == before
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.NEW


def writes(change):
    """The tables each INSERT, UPDATE or DELETE of `change` wrote to, in order."""
    with CaptureQueriesContext(connection) as queries:
        change()
    tables = []
    for query in queries:
        sql = query["sql"].lstrip()
        words = sql.split(None, 3)
        if words and words[0] in ("INSERT", "UPDATE", "DELETE"):
            target = words[2] if words[0] in ("INSERT", "DELETE") else words[1]
            tables.append(target.strip('"'))
    return tables


@pytest.mark.parametrize("name", ["open", "claim", "hand over", "reply", "customer reply", "ask for a file",
                                  "file received"])
def test_the_day_counters_are_the_last_thing_a_change_writes(people, open_ticket_for, name):
    """Every change of the day adds to the same few counter rows (the whole desk's, the
    unassigned technician's); written last, they stay locked only until the commit."""
    from django.core.files.base import ContentFile

    from sportello.tickets.files import check_file, store_file

    ticket = open_ticket_for(people.giulia)
    asked = None
    if name == "customer reply":   # a waiting ticket goes back to its technician: counted again
        actions.claim_ticket(ticket=ticket, technician=people.anna)
        actions.change_status(ticket=ticket, status="waiting", by=people.anna)
    if name == "file received":
        asked = actions.request_file(ticket=ticket, by=people.anna, description="Il log")
        stream = ContentFile(b"%PDF-1.4 schermata", name="errore.pdf")
        checked = check_file(ticket=ticket, name="errore.pdf", stream=stream, size=stream.size)
        store_file(ticket=ticket, checked=checked, stream=stream, file_request=asked, by=people.giulia)
    change = {
        "open": lambda: open_ticket_for(people.luca),
        "claim": lambda: actions.claim_ticket(ticket=ticket, technician=people.anna),
        "hand over": lambda: actions.reassign_ticket(ticket=ticket, to=people.paolo, by=people.silvia),
        "reply": lambda: actions.reply_to_customer(ticket=ticket, author=people.anna, body="Ecco la soluzione."),
        "customer reply": lambda: actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Grazie"),
        "ask for a file": lambda: actions.request_file(ticket=ticket, by=people.anna, description="Il backup"),
        "file received": lambda: actions.complete_file_request(file_request=asked, by=people.giulia),
    }[name]
    tables = writes(change)
    counters = [i for i, table in enumerate(tables) if table.startswith("reports_")]
    assert counters, tables   # the change is counted
    first_counter = counters[0]
    assert all(table.startswith(("reports_", "search_")) for table in tables[first_counter:]), tables
    if name in ("open", "hand over", "reply", "customer reply", "ask for a file", "file received"):   # e-mails
        assert "mail_outboundmail" in tables[:first_counter], tables
