"""The Content-Security-Policy holds on every main page: Chromium reports no
violation, and htmx and the upload script still work under it."""

import pytest
from playwright.sync_api import expect

from sportello.tickets import actions

from .helpers import authenticator_code, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile);
});
"""


def watched(context):
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text)
            if "Content Security Policy" in message.text else None)
    return page, messages


def assert_clean(page, messages, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__cspViolations")
    assert not violations and not messages, f"{url}: {violations or messages}"


def test_no_page_breaks_the_policy(people, live_server, browser, open_ticket_for):
    base = live_server.url
    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    file_request = actions.request_file(ticket=ticket, by=people.anna, description="Il log")

    customer, messages = watched(browser.new_context(locale="it-IT"))
    assert_clean(customer, messages, f"{base}/accounts/login/")
    log_in(customer, base, people.giulia.email)
    for path in ["/portal/", "/portal/tickets/new/", f"/portal/tickets/{ticket.code}/", "/portal/packages/",
                 "/portal/phone/", f"/portal/tickets/{ticket.code}/files/{file_request.pk}/", "/accounts/profile/",
                 "/portal/downloads/", "/portal/contracts/", "/portal/guide/",
                 "/accounts/password/", "/nessuna-pagina/"]:
        assert_clean(customer, messages, f"{base}{path}")
    # The upload script runs under the policy: choosing a file sends it.
    customer.goto(f"{base}/portal/tickets/{ticket.code}/files/{file_request.pk}/")
    customer.set_input_files("input[type=file]", files=[{"name": "log.txt", "mimeType": "text/plain",
                                                         "buffer": b"ERRORE 1042\n"}])
    customer.get_by_role("button", name="Invia").click()
    expect(customer.get_by_text("log.txt").first).to_be_visible()
    assert not customer.evaluate("window.__cspViolations")

    supervisor, messages = watched(browser.new_context(locale="it-IT"))
    log_in(supervisor, base, people.silvia.email)
    for path in ["/console/", "/console/mine/", "/console/tickets/", f"/console/tickets/{ticket.code}/",
                 "/console/service-levels/", "/console/dashboard/", "/console/reports/", "/console/calendars/", "/console/phone/", "/console/callbacks/",
                 "/console/companies/", f"/console/companies/{people.acme.pk}/", "/console/mail/triage/",
                 "/console/security/", "/console/audit/", "/console/releases/", "/console/releases/downloads/",
                 "/console/canned-answers/", "/console/kb/", "/console/kb/new/", "/admin/", "/admin/accounts/user/",
                 f"/admin/accounts/user/{people.anna.pk}/change/", "/admin/tickets/ticket/"]:
        assert_clean(supervisor, messages, f"{base}{path}")
    # htmx works under the policy: the queue refreshes itself without a page load.
    supervisor.goto(f"{base}/console/")
    supervisor.evaluate("htmx.trigger('#ticket-table', 'every 20s')")
    assert not supervisor.evaluate("window.__cspViolations")


def test_a_new_user_is_told_to_wait_after_six_wrong_passwords(people, live_server, page, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    for _ in range(6):
        page.get_by_label("Indirizzo e-mail").fill(people.giulia.email)
        page.get_by_label("Password").fill("password-sbagliata")
        page.get_by_role("button", name="Accedi").click()
    expect(page.get_by_role("alert")).to_contain_text("Troppe password errate")
    expect(page.get_by_role("alert")).to_contain_text("Riprovi tra 15 minuti")
    screenshot(page, "16-login-locked")


def test_staff_log_in_with_the_code_of_their_authenticator(people, live_server, page, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Indirizzo e-mail").fill(people.anna.email)
    from sportello.conftest import PASSWORD

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    expect(page.get_by_role("heading", name="Verifica in due passaggi")).to_be_visible()
    screenshot(page, "17-two-step-verification")
    page.goto(f"{live_server.url}/console/")
    expect(page.get_by_role("heading", name="Verifica in due passaggi")).to_be_visible()   # nothing else first
    page.get_by_label("Codice di verifica").fill(authenticator_code(people.anna.email))
    page.get_by_role("button", name="Verifica").click()
    expect(page.get_by_role("heading", name="Coda")).to_be_visible()
