import pytest
from django.utils import translation

from sportello.tickets import actions
from sportello.tickets.models import Event, InvalidTransition, Ticket


def test_a_new_ticket_cannot_jump_to_resolved(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    with pytest.raises(InvalidTransition):
        ticket.move_to(Ticket.Status.RESOLVED, by=people.anna)
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.NEW
    assert not ticket.events.filter(kind=Event.Kind.STATUS).exists()


def test_the_refusal_says_why_in_italian(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    with pytest.raises(InvalidTransition) as refused, translation.override("it"):
        ticket.move_to(Ticket.Status.WAITING, by=people.anna)
    with translation.override("it"):
        assert str(refused.value.message) == "Un ticket “Nuovo” non può diventare “In attesa del cliente”."


def test_full_journey_writes_every_step_in_the_history(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    assert actions.claim_ticket(ticket=ticket, technician=people.anna).won
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Ci manda il log?",
                              then_status=Ticket.Status.WAITING)
    actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Eccolo.")
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Risolto.", then_status=Ticket.Status.RESOLVED)
    actions.change_status(ticket=ticket, status=Ticket.Status.CLOSED, by=people.anna)
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED
    assert ticket.first_response_at is not None and ticket.closed_at is not None
    statuses = list(ticket.events.filter(kind=Event.Kind.STATUS).values_list("old_value", "new_value"))
    assert statuses == [("new", "open"), ("open", "waiting"), ("waiting", "open"), ("open", "resolved"),
                        ("resolved", "closed")]
    with pytest.raises(actions.TicketClosed):
        actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Un'altra domanda")


def test_a_customer_reply_reopens_a_resolved_ticket(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Fatto.", then_status=Ticket.Status.RESOLVED)
    actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Non funziona ancora.")
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN


def test_console_refuses_an_invalid_status_with_a_clear_message(people, open_ticket_for, login):
    ticket = open_ticket_for(people.giulia)
    response = login(people.anna).post(f"/console/tickets/{ticket.code}/properties/", {
        "status": "resolved", "priority": ticket.priority, "request_type": ticket.request_type_id})
    assert response.status_code == 200
    assert "non può diventare" in response.text
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.NEW
