"""A customer reads a guide on a phone and says it solved the problem."""

import pytest
from playwright.sync_api import expect

from sportello.kb.models import Article

from .helpers import log_in
from .test_content_security_policy import assert_clean, watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = ("Se la stampa del registro IVA si ferma al 60%:\n\n1. Apra **Impostazioni → Stampanti**\n"
        "2. Scelga il driver *PCL6* invece di quello universale\n3. Ristampi il registro\n\n"
        "Se non basta, [apra un ticket](/portal/tickets/new/) allegando una schermata.")


def test_a_customer_reads_a_guide_and_answers(people, live_server, browser, screenshot):
    article = Article.objects.create(title="La stampa del registro IVA si ferma", body=BODY, state="published",
                                     author=people.anna)
    page, messages = watched(browser.new_context(locale="it-IT", viewport={"width": 390, "height": 844}))
    log_in(page, live_server.url, people.giulia.email)
    assert_clean(page, messages, f"{live_server.url}/portal/guide/")
    page.get_by_role("link", name="La stampa del registro IVA si ferma").click()
    expect(page.get_by_role("heading", name="La stampa del registro IVA si ferma")).to_be_visible()
    expect(page.locator(".kb-article strong")).to_have_text("Impostazioni → Stampanti")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "33-portal-guide")
    page.get_by_role("button", name="Sì").click()
    expect(page.get_by_text("Grazie: la Sua risposta ci aiuta")).to_be_visible()
    article.refresh_from_db()
    assert article.helpful_yes == 1
    assert not page.evaluate("window.__cspViolations")
