""""Trasforma in articolo": the answer of a resolved ticket becomes a draft, and none of
the customer's details go with it."""

from django.urls import reverse

from sportello.kb.from_ticket import strip_details
from sportello.kb.models import Article
from sportello.tickets import actions
from sportello.tickets.models import Ticket


def resolved_ticket(people, open_ticket_for):
    ticket = open_ticket_for(people.mario, subject="Acme: la fattura elettronica di Mario Rossi viene scartata",
                             description="Buongiorno, sono Mario Rossi di Acme S.r.l. (P.IVA IT01234560157). "
                                         "La fattura viene scartata con errore 00305. Mi richiami al 02 1234 5678 "
                                         "o scriva a mario@acme.test.")
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    actions.add_internal_note(ticket=ticket, author=people.anna, body="Il cliente è nervoso, nota interna.")
    actions.reply_to_customer(ticket=ticket, author=people.anna, then_status=Ticket.Status.RESOLVED,
                              body="Gentile Mario, l'errore 00305 indica un codice destinatario errato: "
                                   "lo corregga in Anagrafica clienti e rinvii la fattura.")
    return Ticket.objects.get(pk=ticket.pk)


def test_a_resolved_ticket_becomes_a_draft_without_the_customers_details(people, login, open_ticket_for):
    ticket = resolved_ticket(people, open_ticket_for)
    answer = login(people.anna).post(reverse("console:to_article", args=[ticket.code]))
    article = Article.objects.get()
    assert answer["Location"] == reverse("console:kb_article", args=[article.pk])
    assert article.state == "draft" and article.author == people.anna and article.request_type == ticket.request_type
    text = article.title + article.body
    for detail in ("Mario", "Rossi", "Acme", "01234560157", "1234 5678", "mario@acme.test", "nervoso"):
        assert detail not in text, detail
    assert "errore 00305" in article.body and "codice destinatario errato" in article.body
    assert "[cliente]" in text and "[e-mail]" in text and "[telefono]" in text and "[partita IVA]" in text


def test_only_resolved_tickets_and_only_staff(people, login, open_ticket_for):
    ticket = open_ticket_for(people.mario)
    assert login(people.anna).post(reverse("console:to_article", args=[ticket.code])).status_code == 404
    assert not Article.objects.exists()


def test_strip_details_leaves_ordinary_numbers(people, open_ticket_for):
    ticket = open_ticket_for(people.mario)
    assert strip_details("Versione 4.6, errore 00305, 12 fatture", ticket) == "Versione 4.6, errore 00305, 12 fatture"
