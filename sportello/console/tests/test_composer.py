"""One composer for replies and internal notes: the switch decides who reads it, and a
ticket that changed since the page was loaded asks to confirm before crossing."""

import re
from datetime import timedelta

from sportello.outbox.models import OutboundMail
from sportello.tickets import actions
from sportello.tickets.models import Message, Ticket


def compose(client, ticket, **fields):
    return client.post(f"/console/tickets/{ticket.code}/compose/", {"kind": "reply", **fields})


def test_the_switch_sends_a_reply_or_keeps_a_note_for_staff(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    client = login(people.anna)
    page = client.get(f"/console/tickets/{ticket.code}/").text
    assert 'id="composer"' in page and "Risposta al cliente" in page and "Nota interna" in page
    sent = compose(client, ticket, body="Ci manda una schermata?", then_status="waiting")
    assert sent.status_code == 302
    note = compose(client, ticket, kind="note", body="Il cliente usa la versione 4.5", then_status="resolved")
    assert note.status_code == 302
    reply, internal = Message.objects.filter(ticket=ticket).order_by("id")
    assert not reply.is_internal and internal.is_internal
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.WAITING   # a note never changes the status
    assert OutboundMail.objects.filter(template="public_reply").count() == 1
    assert "Il cliente usa la versione 4.5" not in login(people.giulia).get(f"/portal/tickets/{ticket.code}/").text


def test_an_empty_message_is_refused_and_the_switch_is_kept(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    page = compose(login(people.anna), ticket, kind="note", body="   ").text
    assert "Questo campo è obbligatorio." in page
    assert re.search(r'value="note"[^>]*checked', page)
    assert not Message.objects.exists()


def test_a_ticket_that_changed_since_the_page_was_loaded_asks_to_confirm(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    client = login(people.anna)
    loaded = Ticket.objects.get(pk=ticket.pk).updated_at
    actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Aggiungo: succede anche in stampa")
    asked = compose(client, ticket, body="Ecco la soluzione", seen=loaded.isoformat())
    assert asked.status_code == 200 and "Il ticket è cambiato dopo che" in asked.text
    assert "Ecco la soluzione" in asked.text and not Message.objects.filter(author=people.anna).exists()
    confirmed = compose(client, ticket, body="Ecco la soluzione", seen=loaded.isoformat(), crossing_confirmed="True")
    assert confirmed.status_code == 302 and Message.objects.filter(author=people.anna).count() == 1
    fresh = Ticket.objects.get(pk=ticket.pk).updated_at + timedelta(seconds=1)
    assert compose(client, ticket, body="Seconda risposta", seen=fresh.isoformat()).status_code == 302
