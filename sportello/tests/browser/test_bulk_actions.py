"""A supervisor works several tickets at once from the list: one refusal is reported
and nothing changes; then a handover of the whole page."""

import pytest
from playwright.sync_api import expect

from sportello.tickets import actions
from sportello.tickets.models import Ticket

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bulk_status_with_a_refusal_then_a_handover(people, live_server, page, open_ticket_for, screenshot):
    open_ticket = open_ticket_for(people.giulia, subject="Liquidazione IVA di novembre")
    actions.claim_ticket(ticket=open_ticket, technician=people.anna)
    new_ticket = open_ticket_for(people.mario, subject="Stampa del libro giornale")
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server.url, people.silvia.email)
    page.goto(f"{live_server.url}/console/tickets/")
    page.get_by_label(f"Seleziona {open_ticket.code}").check()
    page.get_by_label(f"Seleziona {new_ticket.code}").check()
    page.get_by_label("Con i ticket selezionati").select_option(label="Cambia lo stato in…")
    page.get_by_label("Stato", exact=True).select_option(label="Risolto")
    page.get_by_role("button", name="Applica ai selezionati").click()
    expect(page.get_by_text(f"Non è stato cambiato nulla: {new_ticket.code}")).to_be_visible()
    assert Ticket.objects.get(pk=open_ticket.pk).status == "open"
    screenshot(page, "32-bulk-refusal")
    page.get_by_label("Seleziona tutti i ticket di questa pagina").check()
    page.get_by_label("Con i ticket selezionati").select_option(label="Assegnali a…")
    page.get_by_label("Tecnico", exact=True).select_option(label="Paolo Tecnico")
    page.get_by_role("button", name="Applica ai selezionati").click()
    expect(page.get_by_text("Fatto su 2 ticket.")).to_be_visible()
    assert set(Ticket.objects.values_list("assignee", flat=True)) == {people.paolo.pk}
