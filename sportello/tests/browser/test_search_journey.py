"""A technician presses "/" anywhere in the console, types a few words and reads the
matching tickets with the words marked; a customer finds an old ticket of theirs."""

import pytest
from playwright.sync_api import expect

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_slash_then_words_find_the_ticket_with_marked_snippets(people, live_server, page, open_ticket_for,
                                                                 screenshot):
    wanted = open_ticket_for(people.giulia, subject="Registri IVA",
                             description="La stampa dei registri IVA resta bloccata al 60% da stamattina.")
    open_ticket_for(people.luca, subject="Cespiti", description="Ammortamenti da ricalcolare.")
    log_in(page, live_server.url, people.anna.email)
    page.goto(f"{live_server.url}/console/mine/")
    page.keyboard.press("/")
    expect(page.get_by_role("searchbox", name="Cerca nei ticket")).to_be_focused()
    page.keyboard.type("registri iva bloccata")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=wanted.code)).to_be_visible()
    expect(page.locator(".snippet mark").first).to_have_text("registri")
    screenshot(page, "18-console-search")
    page.get_by_role("searchbox", name="Cerca nei ticket").fill(wanted.code.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Registri IVA")).to_be_visible()


def test_a_customer_finds_her_own_old_ticket_by_a_word(people, live_server, page, open_ticket_for):
    mine = open_ticket_for(people.giulia, subject="Liquidità", description="Il prospetto di liquidità è vuoto.")
    log_in(page, live_server.url, people.giulia.email)
    page.get_by_role("searchbox", name="Cerchi nei Suoi ticket").fill("liquidita")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=mine.code)).to_be_visible()


def test_the_filters_panel_opens_filters_and_saves_a_view(people, live_server, page, open_ticket_for, screenshot):
    acme = open_ticket_for(people.giulia, subject="Acme da filtrare")
    beta = open_ticket_for(people.luca, subject="Beta da filtrare")
    log_in(page, live_server.url, people.anna.email)
    page.goto(f"{live_server.url}/console/tickets/")
    page.get_by_text("Filtri e ordine").click()
    page.get_by_label("Azienda").fill("beta")
    page.get_by_role("button", name="Applica", exact=True).click()
    expect(page.get_by_role("link", name=beta.code)).to_be_visible()
    expect(page.get_by_role("link", name=acme.code)).to_have_count(0)
    page.get_by_label("Salva questi filtri come vista").fill("Solo Beta")
    page.get_by_role("button", name="Salva vista").click()
    expect(page.get_by_role("navigation", name="Viste salvate").get_by_role("link", name="Solo Beta 1")).to_be_visible()
    screenshot(page, "19-console-filters-and-views")
