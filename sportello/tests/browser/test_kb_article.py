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


def test_guides_are_suggested_while_typing_and_i_solved_it_opens_no_ticket(people, live_server, browser,
                                                                          screenshot):
    from sportello.customers import ledger
    from sportello.kb.models import Deflection, SuggestionTally
    from sportello.tickets.models import Ticket

    guide = Article.objects.create(title="La stampa del registro IVA si ferma", body=BODY, state="published")
    Article.objects.create(title="Come fare il backup degli archivi", body="Utilità › Salvataggio archivi.",
                           state="published")
    from sportello.kb.index import rebuild

    rebuild()   # created without save_article: indexed here
    units = ledger.available_units(people.acme)
    page, messages = watched(browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 900}))
    log_in(page, live_server.url, people.giulia.email)
    assert_clean(page, messages, f"{live_server.url}/portal/tickets/new/")
    page.get_by_label("Oggetto").fill("La stampa si blocca")
    page.get_by_label("Descrizione").press_sequentially("Quando stampo il registro IVA", delay=20)
    suggestions = page.locator("#suggestions")
    expect(suggestions.get_by_role("link", name="La stampa del registro IVA si ferma")).to_be_visible()
    expect(suggestions.get_by_text("Come fare il backup")).to_have_count(0)
    # What was typed is still there while the guide opens in another tab.
    with page.context.expect_page() as opened:
        suggestions.get_by_role("link", name="La stampa del registro IVA si ferma").click()
    expect(opened.value.get_by_role("heading", name="La stampa del registro IVA si ferma")).to_be_visible()
    opened.value.close()
    expect(page.get_by_label("Descrizione")).to_have_value("Quando stampo il registro IVA")
    screenshot(page, "34-portal-suggestions")
    suggestions.get_by_role("button", name="Ho risolto, non apro il ticket").click()
    expect(page.get_by_text("Non è stato aperto nessun ticket")).to_be_visible()
    assert not Ticket.objects.exists()
    assert ledger.available_units(people.acme) == units
    assert Deflection.objects.get().article == guide
    # Counted as the report reads it: one form that showed suggestions, one guide opened, one ticket avoided.
    tally = SuggestionTally.objects.get()
    assert (tally.shown, tally.opened, tally.deflected) == (1, 1, 1)
    assert not page.evaluate("window.__cspViolations")
