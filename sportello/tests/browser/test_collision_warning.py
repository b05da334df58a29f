"""Two technicians on one ticket: each sees the other within seconds, and who is
writing a reply; a reply sent over a colleague's asks to confirm."""

import pytest
from playwright.sync_api import expect

from .helpers import log_in
from .test_content_security_policy import watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_paolo_sta_rispondendo(people, live_server, browser, open_ticket_for, screenshot):
    ticket = open_ticket_for(people.giulia, subject="Il bilancio non quadra dopo l'aggiornamento")
    url = f"{live_server.url}/console/tickets/{ticket.code}/"
    anna, anna_messages = watched(browser.new_context(locale="it-IT", viewport={"width": 1366, "height": 900}))
    paolo, _ = watched(browser.new_context(locale="it-IT", viewport={"width": 1366, "height": 900}))
    log_in(anna, live_server.url, people.anna.email)
    log_in(paolo, live_server.url, people.paolo.email)
    anna.goto(url)
    paolo.goto(url)
    expect(paolo.get_by_role("status").filter(has_text="Anna Tecnico sta guardando questo ticket")).to_be_visible(
        timeout=10_000)
    paolo.locator("#composer textarea").type("Buongiorno, ho verificato il bilancio")
    expect(anna.get_by_text("Paolo Tecnico sta rispondendo")).to_be_visible(timeout=10_000)
    screenshot(anna, "31-collision-warning")
    # Paolo sends first; Anna's reply, written on the page as it was, asks to confirm.
    paolo.locator("#composer textarea").press("Control+Enter")
    expect(paolo.get_by_text("Risposta inviata", exact=False).first).to_be_visible()
    anna.locator("#composer textarea").fill("Buongiorno, ci penso io")
    anna.locator("#composer textarea").press("Control+Enter")
    expect(anna.get_by_text("Il ticket è cambiato dopo che l'hai aperto", exact=False)).to_be_visible()
    assert ticket.messages.count() == 1
    # Once Paolo leaves the page, the warning goes away at Anna's next report.
    paolo.goto(f"{live_server.url}/console/")
    expect(anna.get_by_text("Paolo Tecnico sta")).to_have_count(0, timeout=8_000)
    assert not anna.evaluate("window.__cspViolations")
    assert anna_messages == []
