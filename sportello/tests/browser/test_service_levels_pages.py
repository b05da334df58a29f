"""Supervisors read the service-level report and close the office for a holiday week."""

import pytest
from playwright.sync_api import expect

from sportello.reports import rollups
from sportello.testing import summer_week_next_year
from sportello.tickets import actions
from sportello.tickets.models import Ticket

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_and_closing_days(people, live_server, page, screenshot, open_ticket_for):
    for n in range(4):
        ticket = open_ticket_for(people.giulia if n % 2 else people.luca, subject=f"Richiesta {n}")
        actions.claim_ticket(ticket=ticket, technician=people.anna if n % 2 else people.paolo)
        actions.reply_to_customer(ticket=ticket, author=ticket.assignee, body="Risposta")
    Ticket.objects.filter(pk=ticket.pk).update(first_response_met=False)
    rollups.count(ticket.pk)   # as the reply would have, had it come late
    waiting = open_ticket_for(people.giulia, subject="In coda")
    log_in(page, live_server.url, people.silvia.email)
    # A supervisor's home is the dashboard.
    expect(page.get_by_role("heading", name="Cruscotto")).to_be_visible()
    expect(page.locator(".tile", has_text="ticket aperti").locator(".tile-number")).to_have_text("5")
    expect(page.get_by_role("link", name=waiting.code)).to_be_visible()
    screenshot(page, "18-dashboard")
    page.get_by_role("link", name="Rapporti", exact=True).click()
    page.get_by_label("Suddiviso per").select_option(label="Tecnico")
    page.get_by_role("button", name="Mostra").click()
    expect(page.get_by_role("rowheader", name="Anna Tecnico")).to_be_visible()
    expect(page.get_by_role("img", name="Ticket aperti per mese")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Prima risposta mediana (ore lavorative h:mm)")).to_be_visible()
    expect(page.get_by_text("Clienti avvisati mentre scrivevano")).to_be_visible()
    screenshot(page, "19-reports")
    page.get_by_role("link", name="Livelli di servizio").click()
    expect(page.get_by_role("img", name="Prime risposte in tempo per mese")).to_be_visible()
    expect(page.get_by_role("cell", name="Anna Tecnico")).to_be_visible()
    screenshot(page, "10-service-levels")

    page.get_by_role("link", name="Calendari").click()
    monday, friday = summer_week_next_year()
    page.get_by_label("Dal").fill(f"{monday:%d-%m-%Y}")
    page.get_by_label("Al (incluso)").fill(f"{friday:%d-%m-%Y}")
    page.get_by_label("Descrizione").fill("Chiusura estiva")
    page.get_by_role("button", name="Aggiungi", exact=True).click()
    expect(page.get_by_text("Giorni di chiusura aggiunti: 5.")).to_be_visible()
    expect(page.get_by_text("Chiusura estiva")).to_have_count(5)
    screenshot(page, "11-calendars")

    page.goto(f"{live_server.url}/console/")
    expect(page.get_by_role("link", name=waiting.code)).to_be_visible()
    expect(page.locator(".sla-label").first).to_have_text("In tempo")
