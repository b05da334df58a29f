"""A supervisor makes an integration token and reads the API's documentation, which
works under our Content-Security-Policy with assets served by us (no CDN)."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import log_in
from .test_content_security_policy import assert_clean, watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_makes_a_token_and_reads_the_documentation(people, live_server, browser, screenshot):
    base = live_server.url
    page, messages = watched(browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 800}))
    log_in(page, base, people.silvia.email)
    page.goto(f"{base}/console/api-tokens/")
    page.get_by_label("Nome").fill("Fatturazione")
    page.get_by_label("Leggere pacchetti e movimenti dei ticket").check()
    page.get_by_label("Registrare acquisti e rettifiche").check()
    page.get_by_role("button", name="Crea il token").click()
    secret = page.get_by_role("textbox", name="Token", exact=True).input_value()
    assert re.fullmatch(r"spt_[A-Za-z0-9_-]{43}", secret)
    expect(page.get_by_role("cell", name="Fatturazione")).to_be_visible()
    screenshot(page, "23-api-tokens")

    answer = page.request.get(f"{base}/api/v1/packages/", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status == 200 and answer.json()["results"]

    assert_clean(page, messages, f"{base}/api/v1/docs/")
    expect(page.get_by_role("heading", name=re.compile("Sportello API"))).to_be_visible()
    expect(page.get_by_text("/api/v1/tickets/", exact=True).first).to_be_visible()
    assert not [url for url in page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
                if not url.startswith(base)], "the documentation loads something from elsewhere"
    screenshot(page, "24-api-docs")


def test_a_supervisor_registers_a_webhook(people, live_server, browser, screenshot):
    from sportello.outbox.models import WebhookEndpoint

    base = live_server.url
    page, messages = watched(browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 800}))
    log_in(page, base, people.silvia.email)
    assert_clean(page, messages, f"{base}/console/webhooks/")
    page.get_by_label("Nome").fill("Gestionale")
    page.get_by_label("Indirizzo").fill("https://erp.example.com/hooks/sportello")
    page.get_by_label("Ticket aperto").check()
    page.get_by_label("Il cliente ha risposto").check()
    page.get_by_role("button", name="Registra il webhook").click()
    expect(page.get_by_text("Webhook “Gestionale” registrato.")).to_be_visible()
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["ticket.created", "ticket.replied_by_customer"]
    page.get_by_text("Mostra", exact=True).click()
    expect(page.get_by_text(endpoint.secret)).to_be_visible()
    screenshot(page, "25-webhooks")
