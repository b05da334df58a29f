"""The properties panel changed inline, and automatic assignment switched on by a
supervisor giving a new ticket to the technician who said she is available."""

import pytest
from playwright.sync_api import expect

from sportello.tickets import assignment
from sportello.tickets.models import Ticket

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_properties_change_inline_and_show_in_the_conversation(people, live_server, page, open_ticket_for):
    ticket = open_ticket_for(people.giulia, subject="Il registro IVA non si stampa")
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, people.silvia.email)
    page.goto(f"{live_server.url}/console/tickets/{ticket.code}/")
    panel = page.locator("#properties")
    panel.get_by_label("Priorità").select_option(label="Urgente")
    panel.get_by_label("Tecnico").select_option(label="Paolo Tecnico")
    panel.get_by_role("button", name="Salva le modifiche").click()
    expect(page.get_by_text("Ticket aggiornato.")).to_be_visible()
    conversation = page.get_by_role("region", name="Conversazione")
    expect(conversation.get_by_text("Priorità: Urgente")).to_be_visible()
    expect(conversation.get_by_text("Riassegnato", exact=False).or_(conversation.get_by_text(
        "Preso in carico da Paolo Tecnico"))).to_be_visible()
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.assignee, ticket.status) == ("urgent", people.paolo, "open")
    page.goto(f"{live_server.url}/console/tickets/")
    expect(page.get_by_role("row", name=ticket.code).get_by_text("Urgente")).to_be_visible()


def test_a_supervisor_turns_on_automatic_assignment(people, live_server, browser, open_ticket_for):
    silvia = browser.new_context(locale="it-IT").new_page()
    log_in(silvia, live_server.url, people.silvia.email)
    silvia.goto(f"{live_server.url}/console/dashboard/")
    silvia.get_by_role("button", name="Attiva l'assegnazione automatica").click()
    expect(silvia.get_by_text("L'assegnazione automatica è attiva.")).to_be_visible()
    anna = browser.new_context(locale="it-IT").new_page()
    log_in(anna, live_server.url, people.anna.email)
    anna.goto(f"{live_server.url}/console/mine/")
    anna.get_by_label("Sei").select_option(label="Disponibile")
    anna.get_by_role("button", name="Imposta").click()
    expect(anna.get_by_text("Ora sei: Disponibile.")).to_be_visible()
    ticket = open_ticket_for(people.giulia, subject="Backup non riuscito")
    assignment.assign_waiting()   # what the worker runs after the opening
    assert Ticket.objects.get(pk=ticket.pk).assignee == people.anna
    anna.reload()
    expect(anna.get_by_role("row", name=ticket.code)).to_be_visible()
    silvia.reload()
    expect(silvia.get_by_role("row", name="Anna Tecnico 1")).to_contain_text("Disponibile")
