"""The procedure end to end in a real browser: a customer opens a ticket, a
technician takes it and answers, the customer reads the answer."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_opens_technician_answers_customer_reads(people, live_server, browser, screenshot):
    base = live_server.url
    customer = browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 800}).new_page()
    customer.goto(f"{base}/accounts/login/")
    screenshot(customer, "01-login")
    log_in(customer, base, people.giulia.email)
    expect(customer.get_by_role("heading", name="I Suoi ticket")).to_be_visible()

    customer.get_by_role("link", name="Apri un nuovo ticket").first.click()
    expect(customer.get_by_text("Un argomento per ticket.")).to_be_visible()
    customer.get_by_label("Tipo di richiesta").select_option(label="Malfunzionamento")
    customer.get_by_label("Numero di telefono per richiamarLa").fill("non so")
    customer.get_by_label("Oggetto").fill("La fattura elettronica non parte")
    customer.get_by_label("Descrizione del problema").fill("Da stamattina l'invio allo SdI dà errore 500.")
    customer.get_by_role("button", name="Invia il ticket").click()
    expect(customer.get_by_text("Inserisca un numero di telefono che possiamo chiamare")).to_be_visible()
    expect(customer.get_by_label("Oggetto")).to_have_value("La fattura elettronica non parte")
    screenshot(customer, "02-new-ticket-error")
    customer.get_by_label("Numero di telefono per richiamarLa").fill("02 1234 5678")
    customer.get_by_role("button", name="Invia il ticket").click()
    expect(customer.get_by_text(re.compile(r"Il ticket TK\d{6} è stato aperto"))).to_be_visible()
    code = re.search(r"TK\d{6}", customer.url).group(0)

    technician = browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 800}).new_page()
    log_in(technician, base, people.anna.email)
    expect(technician.get_by_role("heading", name="Coda")).to_be_visible()
    expect(technician.get_by_role("link", name=code)).to_be_visible()
    screenshot(technician, "03-console-queue")
    technician.get_by_role("link", name=code).click()
    technician.get_by_role("button", name="Prendi in carico").click()
    expect(technician.get_by_text(f"Hai preso in carico il ticket {code}")).to_be_visible()
    technician.get_by_label("Messaggio").fill("Buongiorno, ci manda una schermata dell'errore?")
    technician.get_by_label("Dopo l'invio").select_option(label="Attendi il cliente (richiesta di informazioni)")
    technician.get_by_role("button", name="Invia", exact=True).click()
    expect(technician.get_by_text("Risposta inviata al cliente.")).to_be_visible()
    expect(technician.locator(".head-actions .badge")).to_have_text("In attesa del cliente")
    screenshot(technician, "04-console-ticket")

    customer.reload()
    expect(customer.get_by_text("Buongiorno, ci manda una schermata dell'errore?")).to_be_visible()
    expect(customer.locator(".page-head .badge")).to_have_text("In attesa del cliente")
    customer.get_by_label("La Sua risposta").fill("Ecco: compare 'Errore 500 - servizio non disponibile'.")
    customer.get_by_role("button", name="Invia risposta").click()
    expect(customer.get_by_text("La Sua risposta è stata inviata al tecnico.")).to_be_visible()
    expect(customer.locator(".page-head .badge")).to_have_text("In lavorazione")
    screenshot(customer, "05-portal-ticket")
    customer.goto(f"{base}/portal/")
    expect(customer.get_by_role("link", name=code)).to_be_visible()
    screenshot(customer, "06-portal-list")


def test_the_queue_updates_by_itself(people, live_server, page, open_ticket_for):
    page.clock.install()  # fake timers, so the 20-second poll can be fast-forwarded
    log_in(page, live_server.url, people.paolo.email)
    expect(page.get_by_text("Nessun ticket qui.")).to_be_visible()
    page.wait_for_load_state("load")  # htmx has set up its 20-second poll
    page.wait_for_function("() => window.htmx !== undefined")
    ticket = open_ticket_for(people.luca, subject="Arrivato mentre guardavo")
    expect(page.get_by_role("link", name=ticket.code)).not_to_be_visible()
    page.clock.run_for(21_000)
    expect(page.get_by_role("link", name=ticket.code)).to_be_visible(timeout=10_000)
