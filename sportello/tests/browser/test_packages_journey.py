"""A customer with one ticket left opens a ticket, then is refused the next one,
with the explanation and everything they typed still on the page."""

import pytest
from playwright.sync_api import expect

from sportello.customers import ledger
from sportello.customers.models import PackagePolicy

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_ticket(page, subject, description):
    page.get_by_label("Tipo di richiesta").select_option(label="Richiesta informazioni")
    page.get_by_label("Oggetto").fill(subject)
    page.get_by_label("Descrizione del problema").fill(description)
    page.get_by_role("button", name="Invia il ticket").click()


def test_last_unit_then_refusal_keeps_the_text(people, live_server, page, screenshot):
    policy = PackagePolicy.current()
    policy.sales_email, policy.sales_phone = "commerciale@sportello.test", "02 9876 5432"
    policy.save()
    left = ledger.available_units(people.acme)
    ledger.adjust_units(company=people.acme, units=1 - left, package=people.acme.packages.get(), reason="test",
                        by=people.silvia)

    log_in(page, live_server.url, people.mario.email)
    expect(page.locator(".balance-number")).to_have_text("1")
    page.get_by_role("link", name="Apri un nuovo ticket").first.click()
    fill_ticket(page, "Primo quesito", "Come si registra una nota di credito?")
    expect(page.get_by_text("è stato aperto")).to_be_visible()

    page.get_by_role("link", name="Nuovo ticket").click()
    expect(page.get_by_text("La Sua azienda non ha più ticket di assistenza disponibili.")).to_be_visible()
    fill_ticket(page, "Secondo quesito", "Come si chiude l'esercizio con il nuovo piano dei conti?")
    expect(page.get_by_text("quindi la richiesta non è stata inviata")).to_be_visible()
    expect(page.get_by_label("Oggetto")).to_have_value("Secondo quesito")
    expect(page.get_by_label("Descrizione del problema")).to_have_value(
        "Come si chiude l'esercizio con il nuovo piano dei conti?")
    expect(page.get_by_role("link", name="commerciale@sportello.test")).to_be_visible()
    screenshot(page, "07-no-tickets-left")

    page.get_by_role("link", name="Pacchetti", exact=True).click()
    expect(page.get_by_role("heading", name="Pacchetti di ticket")).to_be_visible()
    expect(page.get_by_role("link", name="Scarica CSV")).to_be_visible()
    screenshot(page, "08-portal-packages")


def test_supervisor_sees_the_company_card(people, live_server, page, screenshot, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    log_in(page, live_server.url, people.silvia.email)
    page.goto(f"{live_server.url}/console/tickets/{ticket.code}/")
    page.get_by_role("link", name="Acme S.r.l.").click()
    expect(page.get_by_role("heading", name="Registra un acquisto")).to_be_visible()
    expect(page.locator(".balance-number")).to_have_text("99")
    screenshot(page, "09-console-company")
