"""The index written change by change equals the index rebuilt from scratch, after any
sequence of the desk's operations (the DESIGN's invariant for derived data)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.search.engines import engine
from sportello.search.index import rebuild
from sportello.tickets import actions
from sportello.tickets.models import Ticket
from sportello.tickets.topic_actions import merge_tickets, split_ticket

OPERATIONS = ["open", "claim", "reply", "wait", "customer", "note", "file", "resolve", "close", "split", "merge",
              "reassign"]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 5)), min_size=5, max_size=25))
def test_incremental_index_equals_a_rebuild(people, open_ticket_for, steps):
    tickets = [open_ticket_for(people.giulia, subject="Primo", description="Stampa bloccata")]
    for operation, pick in steps:
        ticket = Ticket.objects.get(pk=tickets[pick % len(tickets)].pk)
        if operation == "open":
            tickets.append(open_ticket_for(people.mario if pick % 2 else people.giulia, subject=f"Nuovo {pick}",
                                           description="Il backup non termina"))
        elif ticket.is_closed:
            continue
        elif operation == "claim" and ticket.status == "new":
            actions.claim_ticket(ticket=ticket, technician=people.anna)
        elif operation == "reply":
            actions.reply_to_customer(ticket=ticket, author=people.paolo, body=f"Risposta {pick}")
        elif operation == "wait" and ticket.status == "open":
            actions.change_status(ticket=ticket, status="waiting", by=people.anna)
        elif operation == "customer":
            actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Ancora bloccato")
        elif operation == "note":
            actions.add_internal_note(ticket=ticket, author=people.anna, body="Nota interna")
        elif operation == "file" and ticket.status in ("new", "open", "waiting"):
            actions.request_file(ticket=ticket, by=people.anna, description="Il log")
        elif operation == "resolve" and ticket.status in ("open", "waiting"):
            actions.change_status(ticket=ticket, status="resolved", by=people.anna)
        elif operation == "close" and ticket.status in ("resolved", "new"):
            actions.change_status(ticket=ticket, status="closed", by=people.anna)
        elif operation == "split":
            tickets.append(split_ticket(ticket=ticket, text="Seconda domanda", subject="Diviso", by=people.anna))
        elif operation == "merge":
            other = next((t for t in tickets if t.pk != ticket.pk and t.company_id == ticket.company_id
                          and not Ticket.objects.get(pk=t.pk).is_closed), None)
            if other is not None:
                merge_tickets(duplicate=ticket, into=other, by=people.anna)
        elif operation == "reassign":
            actions.reassign_ticket(ticket=ticket, to=people.paolo, by=people.silvia)
    incremental = engine().snapshot()
    rebuild()
    assert engine().snapshot() == incremental
