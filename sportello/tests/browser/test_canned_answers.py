"""A technician inserts a canned answer with "#": the list filters as they type, Enter
puts the text in the composer with the ticket's placeholders filled, and it is sent."""

import pytest
from playwright.sync_api import expect

from sportello.tickets.models import CannedAnswer, Ticket

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hash_opens_the_picker_and_enter_inserts_the_filled_answer(people, live_server, page, open_ticket_for,
                                                                    screenshot):
    ticket = open_ticket_for(people.mario, subject="La stampa del registro IVA si blocca")
    CannedAnswer.objects.create(title="Stampa: aggiornare il driver", created_by=people.silvia,
                                body_it="Gentile {cliente}, per il ticket {ticket} aggiorni il driver della "
                                        "stampante e riprovi. Cordiali saluti, {tecnico}")
    CannedAnswer.objects.create(title="Backup: come inviarlo", created_by=people.silvia,
                                body_it="Ci invii il backup da qui: {link_caricamento}")
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, people.anna.email)
    page.goto(f"{live_server.url}/console/tickets/{ticket.code}/")
    reply = page.locator("#composer textarea")
    picker = page.get_by_role("listbox", name="Risposte predefinite")
    reply.fill("Buongiorno.\n")
    reply.press("End")
    reply.type("#")
    expect(picker.get_by_role("option")).to_have_count(2)
    reply.type("stam")
    expect(picker.get_by_role("option")).to_have_count(1)
    expect(picker.get_by_role("option", name="Stampa: aggiornare il driver")).to_have_attribute("aria-selected", "true")
    screenshot(page, "30-canned-answer-picker")
    reply.press("Enter")
    expect(reply).to_have_value(f"Buongiorno.\nGentile Mario Rossi, per il ticket {ticket.code} aggiorni il driver "
                                "della stampante e riprovi. Cordiali saluti, Anna Tecnico")
    expect(picker).to_be_hidden()
    reply.press("Control+Enter")
    expect(page.get_by_text("Aggiorni il driver", exact=False).first).to_be_visible()
    message = Ticket.objects.get(pk=ticket.pk).messages.get()
    assert message.body.startswith("Buongiorno.\nGentile Mario Rossi") and not message.is_internal
    assert CannedAnswer.objects.get(title__startswith="Stampa").use_count == 1
    # Escape closes the list without inserting anything; the button opens it.
    page.get_by_role("button", name="Inserisci una risposta predefinita").click()
    expect(picker.get_by_role("option")).to_have_count(2)
    page.locator("#composer textarea").press("Escape")
    expect(picker).to_be_hidden()
