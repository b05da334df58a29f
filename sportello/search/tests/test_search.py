"""Finding tickets: Italian stemming and accents, phrases, exclusions, field prefixes,
codes, ranking, snippets; the index follows every change at commit; nobody finds
what they may not see."""

import pytest
from django.db import connection

from sportello.mail.inbound import receive
from sportello.search.index import rebuild
from sportello.search.query import parse
from sportello.tickets import actions
from sportello.tickets.topic_actions import merge_tickets, split_ticket


def found(client, url, text):
    response = client.get(url, {"q": text})
    assert response.status_code == 200, response.status_code
    return response.text


@pytest.fixture
def tickets(people, open_ticket_for):
    made = {
        "stampa": open_ticket_for(people.giulia, subject="Stampe del registro IVA bloccate",
                                  description="Quando lancio le stampe dei registri IVA il programma resta bloccato."),
        "liquidita": open_ticket_for(people.mario, subject="Prospetto di liquidità",
                                     description="Il prospetto di liquidità non mostra i saldi di ottobre."),
        "fattura": open_ticket_for(people.giulia, subject="Invio allo SdI",
                                   description="La fattura elettronica numero 154 viene scartata."),
        "beta": open_ticket_for(people.luca, subject="Cespiti ammortamento",
                                description="Il calcolo degli ammortamenti dei cespiti è sbagliato; "
                                            "la fattura del fornitore è corretta."),
        "english": open_ticket_for(people.mario, subject="Printing invoices fails",
                                   description="When we print the invoices the program crashes with error 1042."),
    }
    return made


@pytest.mark.parametrize(("typed", "expected"), [
    ("stampa", "stampa"), ("STAMPE", "stampa"), ("registri iva bloccata", "stampa"), ("liquidita", "liquidita"),
    ("liquidità", "liquidita"), ("fatture elettroniche", "fattura"), ('"fattura elettronica"', "fattura"),
    ("printed invoice", "english"), ("crash", "english"), ("Acme", "stampa"), ("C0001", "liquidita"),
    ("Giulia Bianchi", "stampa"), ("giulia@acme.test", "fattura"), ("02 1234 5678", "stampa"),
])
def test_staff_find_tickets_in_italian_and_english(people, login, tickets, typed, expected):
    page = found(login(people.anna), "/console/search/", typed)
    assert tickets[expected].code in page, typed


def test_phrases_exclusions_and_field_prefixes(people, login, tickets):
    client = login(people.anna)
    assert tickets["fattura"].code in found(client, "/console/search/", '"fattura elettronica"')
    assert tickets["beta"].code not in found(client, "/console/search/", '"fattura elettronica"')
    page = found(client, "/console/search/", "fattura -cespiti")
    assert tickets["fattura"].code in page and tickets["beta"].code not in page
    page = found(client, "/console/search/", "fattura azienda:beta")
    assert tickets["beta"].code in page and tickets["fattura"].code not in page
    page = found(client, "/console/search/", "stampe stato:nuovo")
    assert tickets["stampa"].code in page
    actions.claim_ticket(ticket=tickets["stampa"], technician=people.anna)
    assert tickets["stampa"].code not in found(client, "/console/search/", "stampe stato:nuovo")
    assert tickets["stampa"].code in found(client, "/console/search/", "stampe tecnico:anna")
    assert tickets["stampa"].code in found(client, "/console/search/", "tipo:malfunz registri")
    # What cannot be parsed is searched as words, never an error.
    for odd in ['"unterminated', "azienda:", "-", "::", "a:b:c", '"" - -x', "*", "(stampa", "NOT OR AND", "\\"]:
        assert client.get("/console/search/", {"q": odd}).status_code == 200


def test_a_code_jumps_to_its_ticket_in_any_spelling(people, login, tickets):
    client = login(people.anna)
    code = tickets["fattura"].code
    for typed in (code, code.lower(), f" {code[2:]} ", str(int(code[2:])), f"tk{int(code[2:])}"):
        response = client.get("/console/search/", {"q": typed})
        assert response.status_code == 302 and response.url == f"/console/tickets/{code}/", typed
    page = found(client, "/console/search/", "TK999999")
    assert "Nessun ticket ha il codice TK999999" in page


def test_results_rank_subject_first_and_show_marked_snippets(people, login, open_ticket_for):
    body_only = open_ticket_for(people.giulia, subject="Richiesta generica",
                                description="Tra le altre cose il backup non parte.")
    in_subject = open_ticket_for(people.giulia, subject="Backup notturno", description="Da lunedì non termina.")
    page = found(login(people.anna), "/console/search/", "backup")
    assert page.index(in_subject.code) < page.index(body_only.code)
    assert "il <mark>backup</mark> non parte" in page
    page = found(login(people.anna), "/console/search/", "<script>alert(1)</script>")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_index_follows_replies_notes_mail_splits_merges_and_deletions(people, login, open_ticket_for):
    client = login(people.anna)
    ticket = open_ticket_for(people.giulia, subject="Problema", description="Descrizione qualsiasi")
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Provi a reindicizzare gli archivi.")
    assert ticket.code in found(client, "/console/search/", "reindicizzare")
    actions.add_internal_note(ticket=ticket, author=people.anna, body="Sospetto corruzione del database.")
    assert ticket.code in found(client, "/console/search/", "corruzione")
    receive(f"From: giulia@acme.test\nTo: assistenza+t-{ticket.reply_token}@sportello.example\n"
            "Subject: Re\nMessage-ID: <r1@acme>\n\nHo trovato il file giornaliero.\n".encode())
    assert ticket.code in found(client, "/console/search/", "giornaliero")
    new = split_ticket(ticket=ticket, text="Altro argomento: ristampa dei cedolini", subject="Cedolini", by=people.anna)
    assert new.code in found(client, "/console/search/", "cedolini")
    duplicate = open_ticket_for(people.giulia, subject="Doppione", description="Segnalazione ripetuta sul magazzino.")
    merge_tickets(duplicate=duplicate, into=ticket, by=people.anna)
    assert ticket.code in found(client, "/console/search/", "magazzino")
    gone = actions.open_ticket(company=people.acme, channel="phone", by=people.anna, fields=actions.TicketFields(
        request_type=ticket.request_type, requester_name="Giulia", callback_phone="02 1234 5678",
        answer_email="giulia@acme.test", subject="Da cancellare", description="Parola unica zanzibar."))
    assert gone.code in found(client, "/console/search/", "zanzibar")
    gone.delete()   # however a ticket goes (here a phone ticket, which used no unit), its entry goes too
    assert gone.code not in found(client, "/console/search/", "zanzibar")


@pytest.mark.parametrize("attachments", [0, 1], ids=["text only", "with a file refused"])
def test_received_mail_is_found_at_once_and_written_into_the_index_once(people, login, open_ticket_for, attachments):
    """A mail that opens a ticket is found by its whole text (what it quotes or forwards too)
    and by the note on a refused file; an auto-reply kept in a ticket's mail by its text. Each
    is one write into the index, and the index equals a rebuild."""
    from unittest import mock

    from sportello.desk_script import desk_address, mail
    from sportello.outbox.emails import ticket_reply_address
    from sportello.search.engines import engine

    client, search = login(people.anna), engine()   # the engine is a module
    with mock.patch.object(search, "store", side_effect=search.store) as store:
        opening, _new = receive(mail(people.giulia.email, desk_address(), "Prospetto", "Vedete sotto.\n\n"
                                     "> Da: Mario\n> La liquidità di ottobre non torna", attachments=attachments))
    assert opening.outcome == opening.Outcome.OPENED and store.call_count == 1
    assert opening.ticket.code in found(client, "/console/search/", "liquidita ottobre")
    assert (opening.ticket.code in found(client, "/console/search/", "vuoto")) == bool(attachments)
    other = open_ticket_for(people.giulia, subject="Backup", description="Il backup non parte")
    with mock.patch.object(search, "store", side_effect=search.store) as store:
        automatic, _new = receive(mail(people.giulia.email, ticket_reply_address(other), "Fuori ufficio",
                                       "Sono assente fino a lunedì", headers={"Auto-Submitted": "auto-replied"}))
    assert automatic.outcome == automatic.Outcome.IGNORED and automatic.ticket == other and store.call_count == 1
    assert other.code in found(client, "/console/search/", "assente")
    incremental = engine().snapshot()
    rebuild()
    assert engine().snapshot() == incremental


def test_customers_find_only_what_they_may_see_and_never_internal_notes(people, login, tickets):
    actions.claim_ticket(ticket=tickets["beta"], technician=people.anna)
    actions.add_internal_note(ticket=tickets["stampa"], author=people.anna, body="Nota riservata: quarzo.")
    luca = login(people.luca)   # Beta's administrator
    page = found(luca, "/portal/search/", "fattura")
    assert tickets["beta"].code in page and tickets["fattura"].code not in page
    assert tickets["stampa"].code not in found(luca, "/portal/search/", "stampe registri")
    mario = login(people.mario)   # Acme's administrator sees Giulia's tickets too
    assert tickets["stampa"].code in found(mario, "/portal/search/", "stampe")
    assert tickets["stampa"].code not in found(mario, "/portal/search/", "quarzo")
    giulia = login(people.giulia)   # a plain contact never finds a colleague's ticket
    assert tickets["liquidita"].code not in found(giulia, "/portal/search/", "liquidità")
    assert tickets["stampa"].code in found(giulia, "/portal/search/", "bloccato")
    response = giulia.get("/portal/search/", {"q": tickets["liquidita"].code})
    assert response.status_code == 200 and "Nessun ticket ha il codice" in response.text


def test_keyset_pages_walk_every_result_once(people, login, open_ticket_for):
    codes = {open_ticket_for(people.giulia, subject=f"Magazzino {n}", description="Giacenze errate").code
             for n in range(30)}
    client = login(people.anna)
    seen, params = [], {"q": "giacenze"}
    for _ in range(5):
        response = client.get("/console/search/", params)
        seen += [code for code in codes if code in response.text]
        cursor = response.context["page"].next_cursor
        if not cursor:
            break
        params = {"q": "giacenze", "after": cursor}
    assert sorted(seen) == sorted(codes)


def test_rebuild_gives_the_same_results(people, login, tickets):
    client = login(people.anna)
    before = found(client, "/console/search/", "fattura")
    assert rebuild() >= len(tickets)
    assert found(client, "/console/search/", "fattura").count("search-hit") == before.count("search-hit")


def test_parser_reads_everything_as_something():
    query = parse('azienda:acme "fattura elettronica" -bozza stampa tecnico:"anna tecnico" codice:12')
    assert query.filters == {"company": "acme", "assignee": "anna tecnico"}
    assert len(query.phrases) == 1 and len(query.excluded) == 1 and query.code_prefix == "12"
    assert parse("TK001234").code == "TK001234" and parse("1234").code == "TK001234"
    assert parse("http://example.com ore:10").terms


def test_the_engine_is_the_databases_own(db):
    from sportello.search.engines import engine

    assert engine().__name__.endswith("postgres" if connection.vendor == "postgresql" else "sqlite")


def test_the_newest_matches_are_found_whatever_the_index_cannot_narrow(people, open_ticket_for):
    """A filter the index does not carry, or a phrase whose words also appear apart in newer
    tickets, must still reach older tickets (an engine that looks at the newest matches of
    the words first must fall back to all of them)."""
    from sportello.search.engines import engine
    from sportello.tickets.models import Ticket

    older = [open_ticket_for(people.giulia, subject=f"Registro IVA {n}", description="Il registro iva non stampa")
             for n in range(3)]
    for n in range(8):   # newer tickets with the same words, not as a phrase and not urgent
        open_ticket_for(people.giulia, subject=f"Iva e registro {n}", description="Iva sul registro dei beni")
    Ticket.objects.filter(pk__in=[t.pk for t in older]).update(priority="urgent")
    search = engine()

    def newest(text, tickets, limit=2):
        found = search.candidates(search.expression(parse(text), with_notes=True), tickets, limit=limit)
        return sorted(pk for pk, _score in found)

    urgent = Ticket.objects.filter(priority="urgent")
    assert newest("registro iva", urgent) == [older[1].pk, older[2].pk]
    assert newest('"registro iva"', Ticket.objects.all()) == [older[1].pk, older[2].pk]
    assert newest('"registro iva"', Ticket.objects.all(), limit=5) == sorted(t.pk for t in older)
    assert newest("registro iva", Ticket.objects.all(), limit=20) == sorted(
        Ticket.objects.values_list("pk", flat=True))
    assert newest("registro iva", Ticket.objects.filter(priority="low")) == []
