"""Guides found with the tickets' engine: the reserved area's search, the suggestions
while a customer writes a new ticket ("Ho risolto, non apro il ticket": no ticket, no
unit, a deflection counted), the similar tickets and guides beside a ticket in the
console, and the supervisors' report of what the guides save."""

import io

from django.test import Client
from django.urls import reverse

from sportello.conftest import log_in
from sportello.customers import ledger
from sportello.kb.articles import save_article, set_state
from sportello.kb.models import Article, Deflection, SuggestionTally
from sportello.tickets import actions
from sportello.tickets.models import RequestType, Ticket

PRINTING = ("La stampa dei registri IVA si blocca a metà",
            "Il blocco dipende dal driver della stampante di rete: stampi il registro su PDF e aggiorni il driver.")
BACKUP = ("Come fare il backup degli archivi",
          "Da Utilità › Salvataggio archivi scelga la ditta e una cartella su un disco esterno.")


def article(title, body, *, state="published", **fields):
    saved = save_article(article=Article(title=title, body=body, **fields), by=None)
    set_state(article=saved, state=state)
    return saved


def client_of(user):
    client = Client()
    log_in(client, user)
    return client


def suggest(client, subject, description="", form="f1", request_type=""):
    answer = client.post(reverse("portal:kb_suggestions"), {"subject": subject, "description": description,
                                                           "suggest_form": form, "request_type": request_type})
    assert answer.status_code == 200
    return answer.text


def test_the_guides_are_searched_in_italian_with_stems_and_accents(people):
    printing, backup = article(*PRINTING), article(*BACKUP)
    giulia = client_of(people.giulia)
    page = giulia.get(reverse("portal:kb"), {"q": "stampe registro iva"}).text
    assert PRINTING[0] in page and BACKUP[0] not in page
    assert "<mark>" in page
    page = giulia.get(reverse("portal:kb"), {"q": "utilita salvataggio"}).text   # no accent typed
    assert BACKUP[0] in page and PRINTING[0] not in page
    assert "Nessuna guida" in giulia.get(reverse("portal:kb"), {"q": "tredicesima"}).text
    page = giulia.get(reverse("portal:kb"), {"q": "registro -stampante"}).text   # a word excluded
    assert PRINTING[0] not in page
    # Edited, it is found by its new words at once.
    backup.refresh_from_db()
    backup.body = "Il salvataggio automatico si imposta con l'orario preferito."
    save_article(article=backup, by=None)
    assert BACKUP[0] in giulia.get(reverse("portal:kb"), {"q": "orario automatico"}).text
    assert printing.pk != backup.pk


def test_customers_never_find_drafts_archived_or_staff_only_guides(people, login):
    article("Bozza sulla stampa", "Stampa dei registri: bozza", state="draft")
    article("Vecchia guida sulla stampa", "Stampa dei registri: archiviata", state="archived")
    article("Nota interna sulla stampa", "Stampa dei registri: per i tecnici", is_internal=True)
    giulia = client_of(people.giulia)
    for text in (giulia.get(reverse("portal:kb"), {"q": "stampa registri"}).text,
                 giulia.get(reverse("portal:kb")).text,
                 suggest(giulia, "Stampa registri", "La stampa dei registri non funziona")):
        assert "Bozza" not in text and "Vecchia" not in text and "Nota interna" not in text
    staff_only = Article.objects.get(is_internal=True)
    assert giulia.get(reverse("kb_article", args=[staff_only.pk])).status_code == 404
    assert Client().get(reverse("kb_article", args=[staff_only.pk])).status_code == 404
    page = login(people.anna).get(reverse("console:kb"), {"q": "stampa"}).text
    assert "Bozza" in page and "Vecchia" in page and "Nota interna" in page


def test_suggestions_come_from_guides_never_from_another_companys_tickets(people, open_ticket_for):
    """Luca (Beta) types words that only an Acme ticket, its answer and a draft made from
    it contain: nothing comes back until a guide is published."""
    ticket = open_ticket_for(people.mario, subject="Zorbex: il modulo Kappler non parte",
                             description="Il modulo Kappler di Zorbex si chiude subito.")
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    actions.reply_to_customer(ticket=ticket, author=people.anna, then_status=Ticket.Status.RESOLVED,
                              body="Per Zorbex reinstalli il modulo Kappler.")
    luca = client_of(people.luca)
    assert suggest(luca, "Zorbex Kappler", "il modulo Kappler di Zorbex non parte").strip() == ""
    article("Il modulo Kappler non parte", "Reinstalli il modulo Kappler.", state="draft")
    assert suggest(luca, "Zorbex Kappler", "il modulo Kappler di Zorbex non parte").strip() == ""
    set_state(article=Article.objects.get(), state="published")
    assert "Il modulo Kappler non parte" in suggest(luca, "Zorbex Kappler", "il modulo Kappler di Zorbex non parte")


def test_up_to_three_guides_are_suggested_and_shown_is_counted_once_per_form(people):
    for n in range(5):
        article(f"Stampa dei registri, caso {n}", "La stampa dei registri IVA si blocca.")
    article(*BACKUP)
    giulia = client_of(people.giulia)
    kind = RequestType.objects.get(name="Malfunzionamento")
    page = suggest(giulia, "La stampa si blocca", "Quando stampo i registri IVA", request_type=kind.pk)
    assert page.count('name="solved_by"') == 3 and BACKUP[0] not in page
    suggest(giulia, "La stampa si blocca", "Quando stampo i registri IVA il programma", request_type=kind.pk)
    suggest(giulia, "Backup", "Come faccio il salvataggio archivi", form="f2")
    assert suggest(giulia, "ok").strip() == ""   # too little to go on: nothing, nothing counted
    counts = {row.request_type_id: row.shown for row in SuggestionTally.objects.all()}
    assert counts == {kind.pk: 1, 0: 1}


def test_i_solved_it_opens_no_ticket_spends_no_unit_and_is_counted(people):
    guide = article(*PRINTING)
    giulia = client_of(people.giulia)
    kind = RequestType.objects.get(name="Malfunzionamento")
    units = ledger.available_units(people.acme)
    tickets = Ticket.objects.count()
    suggest(giulia, "Stampa registro IVA bloccata", "si ferma a metà", form="abc", request_type=kind.pk)
    # The customer opens the guide from the suggestion (twice: counted once), then says it solved it.
    for _n in range(2):
        assert giulia.get(reverse("kb_article", args=[guide.pk]), {"form": "abc"}).status_code == 200
    answer = giulia.post(reverse("portal:kb_deflect"), {
        "solved_by": guide.pk, "request_type": kind.pk, "suggest_form": "abc",
        "subject": "Stampa registro IVA bloccata", "description": "si ferma a metà", "requester_name": "Giulia"})
    assert answer.status_code == 302 and answer["Location"] == reverse("portal:tickets")
    assert Ticket.objects.count() == tickets
    assert ledger.available_units(people.acme) == units
    deflection = Deflection.objects.get()
    assert (deflection.article, deflection.request_type, deflection.company, deflection.contact) == (
        guide, kind, people.acme, people.giulia)
    tally = SuggestionTally.objects.get()
    assert (tally.request_type_id, tally.shown, tally.opened, tally.deflected) == (kind.pk, 1, 1, 1)
    guide.refresh_from_db()
    assert guide.tickets_avoided == 1
    assert "nessun ticket" in giulia.get(answer["Location"]).text.lower()


def test_a_guide_the_customer_may_not_read_cannot_be_used_to_record_a_deflection(people):
    draft = article(*PRINTING, state="draft")
    answer = client_of(people.giulia).post(reverse("portal:kb_deflect"), {"solved_by": draft.pk})
    assert answer.status_code == 404
    assert not Deflection.objects.exists() and not SuggestionTally.objects.exists()


def test_the_new_ticket_form_asks_for_suggestions_while_typing(people):
    page = client_of(people.giulia).get(reverse("portal:new_ticket")).text
    assert f'hx-post="{reverse("portal:kb_suggestions")}"' in page and 'id="suggestions"' in page
    assert 'name="suggest_form"' in page


def test_the_console_shows_similar_resolved_tickets_and_guides(people, login, open_ticket_for):
    """A Beta ticket about F24 finds Acme's resolved F24 ticket (staff see every company)
    with its answer, not an unrelated or still open one, and the F24 guide."""
    solved = open_ticket_for(people.mario, subject="Modello F24 con ritenute",
                             description="Come stampo la delega F24 con le ritenute del mese?")
    actions.claim_ticket(ticket=solved, technician=people.anna)
    actions.reply_to_customer(ticket=solved, author=people.anna, then_status=Ticket.Status.RESOLVED,
                              body="Da Adempimenti › F24 confermi i tributi e stampi la delega.")
    still_open = open_ticket_for(people.giulia, subject="Delega F24 ritenute", description="F24 ritenute aperto")
    unrelated = open_ticket_for(people.giulia, subject="Backup", description="Salvataggio degli archivi")
    actions.claim_ticket(ticket=unrelated, technician=people.anna)
    actions.reply_to_customer(ticket=unrelated, author=people.anna, then_status=Ticket.Status.RESOLVED,
                              body="Usi Utilità › Salvataggio.")
    article("Generare e stampare il modello F24", "Da Adempimenti › F24 il programma propone i tributi.")
    article("Bozza F24", "Delega F24: ancora da rivedere", state="draft")
    article("Procedura interna F24", "Per i tecnici: F24 e ritenute nel registro", is_internal=True)
    asking = open_ticket_for(people.luca, subject="Stampa F24", description="Non trovo dove stampare l'F24 "
                                                                             "con le ritenute")
    page = login(people.anna).get(reverse("console:similar", args=[asking.code])).text
    assert solved.code in page and "stampi la delega" in page and "data-use-answer" in page
    assert still_open.code not in page and unrelated.code not in page
    assert "Generare e stampare il modello F24" in page and "Bozza F24" not in page
    # A guide for staff only is there to read, not to send to the customer.
    assert "Procedura interna F24" in page and page.count("Inserisci il collegamento") == 1
    assert client_of(people.luca).get(reverse("console:similar", args=[asking.code])).status_code == 302


def test_similar_tickets_cost_the_same_queries_however_many_match(people, login, open_ticket_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    anna = login(people.anna)
    asking = open_ticket_for(people.luca, subject="Stampa F24 ritenute", description="Delega F24 con ritenute")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert anna.get(reverse("console:similar", args=[asking.code])).status_code == 200
        return len(captured)

    def solved_one():
        ticket = open_ticket_for(people.mario, subject="F24 ritenute", description="Stampa della delega F24")
        actions.claim_ticket(ticket=ticket, technician=people.anna)
        actions.reply_to_customer(ticket=ticket, author=people.anna, then_status=Ticket.Status.RESOLVED,
                                  body="Adempimenti › F24.")

    solved_one()
    one = queries()
    for _n in range(6):
        solved_one()
    assert queries() == one


def test_the_report_shows_what_the_guides_saved_by_month_and_type_and_what_failed(people, login):
    guide, failing = article(*PRINTING), article(*BACKUP)
    giulia = client_of(people.giulia)
    kind = RequestType.objects.get(name="Malfunzionamento")
    suggest(giulia, "Stampa registro IVA bloccata", "si ferma", form="x", request_type=kind.pk)
    giulia.post(reverse("portal:kb_deflect"), {"solved_by": guide.pk, "request_type": kind.pk, "suggest_form": "x"})
    Article.objects.filter(pk=failing.pk).update(helpful_no=4, helpful_yes=1)
    page = login(people.silvia).get(reverse("console:kb_report")).text
    assert "Malfunzionamento" in page and PRINTING[0] in page
    assert "4 no, 1 sì" in page
    assert login(people.anna).get(reverse("console:kb_report")).status_code == 403


def test_the_rebuild_command_restores_the_articles_index(people):
    from django.core.management import call_command

    from sportello.kb import engines

    guide = article(*PRINTING)
    engines.clear()   # an index lost or damaged
    assert search_titles(people, "stampe registro") == []
    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert search_titles(people, "stampe registro") == [guide.title]


def search_titles(people, text):
    from sportello.kb import search

    return [found.title for found in search.for_search(text, Article.objects.visible_to(people.giulia))]
