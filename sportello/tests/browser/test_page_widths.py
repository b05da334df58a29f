"""Every page fits its screen: no column cut off and nothing behind a sideways scroll,
for supervisors and technicians on a 1366×768 laptop, for customers on that laptop and
on a 390×844 phone (where the navigation folds behind a menu button)."""

import pytest
from playwright.sync_api import expect

from sportello.phone.actions import request_callback
from sportello.tickets import actions

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def too_wide(page, base, paths):
    """The paths whose page is wider than the window, or that hide part of a list behind a
    sideways scroll of its own, with the element at fault."""
    wide = []
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        scrolled = page.evaluate("""() => { for (const el of document.body.querySelectorAll('*')) {
                const x = getComputedStyle(el).overflowX;
                if ((x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1)
                    return el.tagName + '.' + el.className; } return null; }""")
        if scrolled:
            wide.append((path, "scrolls sideways", scrolled))
        if width > page.viewport_size["width"]:
            culprit = page.evaluate("""() => { let widest = null;
                for (const el of document.body.querySelectorAll('*')) {
                    const r = el.getBoundingClientRect();
                    if (r.right > innerWidth + 1 && (!widest || r.width < widest.w))
                        widest = {w: r.width, tag: el.tagName + '.' + el.className}; }
                return widest && widest.tag; }""")
            wide.append((path, width, culprit))
    return wide


@pytest.fixture
def desk(people, open_ticket_for):
    """Enough on the desk for every list to have rows with long names and subjects."""
    tickets = [open_ticket_for(people.giulia, subject="Stampa del registro IVA acquisti bloccata al 60% da ieri "
                                                     "pomeriggio su tutte le postazioni dell'amministrazione",
                               description="Quando lancio la stampa il programma si blocca. " * 12)
               for _ in range(3)]
    actions.claim_ticket(ticket=tickets[0], technician=people.anna)
    actions.reply_to_customer(ticket=tickets[0], author=people.anna, body="Buongiorno, verifichiamo subito. " * 20)
    return tickets


def test_console_pages_fit_a_laptop(people, live_server, page, desk, screenshot):
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server.url, people.silvia.email)
    code, company = desk[0].code, people.acme.pk
    paths = ["/console/", "/console/mine/", "/console/tickets/", f"/console/tickets/{code}/",
             "/console/search/?q=stampa", "/console/dashboard/", "/console/reports/", "/console/reports/?by=company",
             "/console/service-levels/", "/console/packages/attention/", "/console/companies/",
             f"/console/companies/{company}/", "/console/audit/",
             "/console/callbacks/", "/console/phone/", "/console/mail/triage/", "/console/mail/undelivered/",
             "/console/calendars/", "/console/security/", "/console/releases/", "/console/releases/downloads/",
             "/console/canned-answers/", "/console/kb/", "/console/kb/new/", "/accounts/profile/"]
    wide = too_wide(page, live_server.url, paths)
    assert not wide, wide
    page.goto(f"{live_server.url}/console/tickets/")
    screenshot(page, "21-console-all-tickets-1366")


def test_reserved_area_pages_fit_a_laptop_and_a_phone(people, live_server, page, desk, screenshot):
    request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.mario,
                     topic="Chiusura di fine anno")
    log_in(page, live_server.url, people.mario.email)
    paths = ["/portal/", f"/portal/tickets/{desk[0].code}/", "/portal/tickets/new/", "/portal/packages/",
             "/portal/phone/", "/portal/search/?q=stampa", "/portal/downloads/", "/portal/contracts/", "/portal/guide/",
             "/accounts/profile/"]
    for size in (LAPTOP, PHONE):
        page.set_viewport_size(size)
        wide = too_wide(page, live_server.url, paths)
        assert not wide, (size, wide)
    page.goto(f"{live_server.url}/portal/")
    screenshot(page, "20-portal-phone")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    menu.click()
    expect(page.get_by_role("link", name="Pacchetti", exact=True)).to_be_visible()
