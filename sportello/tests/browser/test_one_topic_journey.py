"""A customer writes two problems in one ticket, is warned, and sends two tickets."""

import pytest
from playwright.sync_api import expect

from sportello.tickets.models import Ticket

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_is_warned_and_splits_two_problems_into_two_tickets(people, live_server, page, screenshot):
    log_in(page, live_server.url, people.giulia.email)
    page.get_by_role("link", name="Nuovo ticket", exact=True).click()
    page.get_by_label("Tipo di richiesta").select_option(label="Malfunzionamento")
    page.get_by_label("Oggetto").fill("Stampa e backup")
    page.get_by_label("Descrizione del problema").fill(
        "La stampa delle fatture si blocca con errore 1042. Inoltre il backup notturno non parte da lunedì.")
    page.get_by_role("button", name="Invia il ticket").click()
    expect(page.get_by_text("La Sua richiesta sembra riguardare 2 argomenti.")).to_be_visible()
    assert Ticket.objects.count() == 0
    screenshot(page, "15-several-topics")
    page.get_by_role("button", name="Dividi in 2 ticket").click()
    expect(page.get_by_role("heading", name="Un ticket per argomento")).to_be_visible()
    page.get_by_label("Oggetto").nth(1).fill("Backup notturno")
    page.get_by_role("button", name="Invia 2 ticket").click()
    expect(page.get_by_text("Ticket aperti: 2")).to_be_visible()
    subjects = sorted(Ticket.objects.values_list("subject", flat=True))
    assert subjects == ["Backup notturno", "Stampa e backup (1/2)"]
    descriptions = set(Ticket.objects.values_list("description", flat=True))
    assert descriptions == {"La stampa delle fatture si blocca con errore 1042.",
                            "Inoltre il backup notturno non parte da lunedì."}
