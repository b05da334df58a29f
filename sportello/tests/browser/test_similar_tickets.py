"""Beside a ticket, the technician sees a resolved ticket like it and a guide, and puts
the earlier answer into the reply with one click; the supervisor reads what the guides
saved."""

import pytest
from playwright.sync_api import expect

from sportello.kb.articles import save_article, set_state
from sportello.kb.models import Article, SuggestionTally
from sportello.tickets import actions
from sportello.tickets.models import RequestType, Ticket

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = "Da Adempimenti › F24 confermi i tributi proposti e stampi la delega."


def test_a_similar_resolved_ticket_lends_its_answer(people, live_server, page, open_ticket_for, screenshot):
    solved = open_ticket_for(people.giulia, subject="Delega F24 con le ritenute",
                             description="Come si stampa il modello F24 con le ritenute del mese?")
    actions.claim_ticket(ticket=solved, technician=people.paolo)
    actions.reply_to_customer(ticket=solved, author=people.paolo, body=ANSWER, then_status=Ticket.Status.RESOLVED)
    guide = save_article(article=Article(title="Generare e stampare il modello F24",
                                         body="Da **Adempimenti › F24** il programma propone i tributi."), by=None)
    set_state(article=guide, state="published")
    asking = open_ticket_for(people.luca, subject="Stampa F24",
                             description="Non trovo dove si stampa l'F24 con le ritenute d'acconto.")
    page.set_viewport_size({"width": 1366, "height": 1000})
    log_in(page, live_server.url, people.anna.email)
    page.goto(f"{live_server.url}/console/tickets/{asking.code}/")
    panel = page.locator("#similar")
    expect(panel.get_by_role("link", name=solved.code)).to_be_visible()
    expect(panel.get_by_role("link", name="Generare e stampare il modello F24")).to_be_visible()
    reply = page.locator("#composer textarea")
    reply.fill("Buongiorno,")
    panel.get_by_role("button", name="Usa questa risposta").click()
    expect(reply).to_have_value(f"Buongiorno,\n\n{ANSWER}")
    expect(reply).to_be_focused()
    panel.scroll_into_view_if_needed()
    screenshot(page, "35-console-similar")


def test_the_supervisor_reads_what_the_guides_saved(people, live_server, page, screenshot):
    from django.utils import timezone

    kind = RequestType.objects.get(name="Malfunzionamento")
    month = timezone.localdate().replace(day=1)
    SuggestionTally.objects.create(month=month, request_type_id=kind.pk, shown=40, opened=22, deflected=9)
    SuggestionTally.objects.create(month=month, request_type_id=0, shown=12, opened=5, deflected=2)
    Article.objects.create(title="La liquidazione IVA non corrisponde ai registri", body="x", state="published",
                           helpful_no=5, helpful_yes=2)
    page.set_viewport_size({"width": 1366, "height": 1000})
    log_in(page, live_server.url, people.silvia.email)
    page.goto(f"{live_server.url}/console/kb/")
    page.get_by_role("link", name="Cosa fanno risparmiare le guide").click()
    expect(page.get_by_role("heading", name="Cosa fanno risparmiare le guide", level=1)).to_be_visible()
    expect(page.locator(".tile-number").nth(2)).to_have_text("11")
    expect(page.get_by_role("row", name="Malfunzionamento 40 22 9")).to_be_visible()
    expect(page.get_by_text("5 no, 2 sì")).to_be_visible()
    screenshot(page, "36-console-guides-report")
