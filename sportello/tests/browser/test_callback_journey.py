"""Out of hours a customer asks to be called back; a technician tries, fails, tries again."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from sportello.phone.models import CallbackRequest, PhoneContract

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SATURDAY_EVENING = datetime(2026, 11, 28, 19, 0, tzinfo=ZoneInfo("Europe/Rome"))


def test_callback_out_of_hours_then_failed_and_successful_attempts(people, live_server, browser, screenshot,
                                                                   monkeypatch):
    monkeypatch.setattr("sportello.phone.hours.current_time", lambda: SATURDAY_EVENING)
    PhoneContract.objects.create(company=people.acme, valid_from=date.today() - timedelta(days=10),
                                 valid_until=date.today() + timedelta(days=300))
    customer = browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 900}).new_page()
    log_in(customer, live_server.url, people.giulia.email)
    customer.get_by_role("link", name="Assistenza telefonica").click()
    expect(customer.get_by_text("Riapre lunedì alle 10:00")).to_be_visible()
    expect(customer.get_by_text("Ora la linea è chiusa")).to_be_visible()
    customer.get_by_label("Di cosa si tratta").fill("La chiusura di bilancio si blocca al 60%")
    customer.get_by_label("Orari preferiti (facoltativo)").fill("lunedì mattina")
    customer.get_by_role("button", name="Richiamatemi").click()
    expect(customer.get_by_text("Richiesta di richiamata registrata")).to_be_visible()
    expect(customer.locator("aside").get_by_text("In attesa di chiamata")).to_be_visible()
    screenshot(customer, "14-portal-phone")

    tech = browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 900}).new_page()
    log_in(tech, live_server.url, people.anna.email)
    tech.get_by_role("link", name="Richiamate").click()
    expect(tech.get_by_role("cell", name="La chiusura di bilancio si blocca al 60% lunedì mattina")).to_be_visible()
    tech.get_by_role("button", name="Chiamo io").click()
    expect(tech.get_by_text("Chiama ora il 02 1234 5678.")).to_be_visible()
    tech.get_by_label("Com'è andata?").select_option(label="Non risponde")
    tech.get_by_role("button", name="Registra il tentativo").click()
    expect(tech.get_by_text("Tentativo registrato.")).to_be_visible()
    tech.get_by_role("button", name="Chiamo io").click()
    tech.get_by_label("Com'è andata?").select_option(label="Parlato con il cliente")
    tech.get_by_label("Note").fill("Risolto: ricostruiti gli indici.")
    tech.get_by_role("button", name="Registra il tentativo").click()
    expect(tech.get_by_text("Nessuno è in attesa di una chiamata.")).to_be_visible()
    callback = CallbackRequest.objects.get()
    assert callback.state == "done"
    assert list(callback.attempts.values_list("outcome", flat=True)) == ["no_answer", "done"]
    customer.reload()
    expect(customer.locator("aside").get_by_text("Richiamato")).to_be_visible()
