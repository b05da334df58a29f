import pytest
from django.test import Client

from sportello.conftest import log_in
from sportello.outbox.models import OutboundMail
from sportello.testing import run_together
from sportello.tickets.models import Ticket


def test_queue_lists_new_tickets_oldest_first_with_company_and_type(people, login, open_ticket_for):
    older = open_ticket_for(people.giulia, subject="Primo arrivato")
    newer = open_ticket_for(people.luca, subject="Secondo arrivato")
    page = login(people.anna).get("/console/").text
    assert page.index(older.code) < page.index(newer.code)
    assert "Acme S.r.l." in page and "Beta S.p.A." in page and "Malfunzionamento" in page


def test_queue_refreshes_itself_with_htmx(people, login, open_ticket_for):
    client = login(people.anna)
    page = client.get("/console/").text
    assert 'hx-trigger="every 20s"' in page
    ticket = open_ticket_for(people.giulia)
    fragment = client.get("/console/", headers={"HX-Request": "true"}).text
    assert ticket.code in fragment and "<html" not in fragment


def test_claim_from_the_console_and_the_late_technician_is_told_who_won(people, login, open_ticket_for, client):
    ticket = open_ticket_for(people.giulia)
    response = login(people.anna).post(f"/console/tickets/{ticket.code}/claim/", follow=True)
    assert f"Hai preso in carico il ticket {ticket.code}" in response.text
    log_in(client, people.paolo)
    response = client.post(f"/console/tickets/{ticket.code}/claim/", follow=True)
    assert f"Anna Tecnico ha già preso in carico il ticket {ticket.code}" in response.text
    ticket.refresh_from_db()
    assert ticket.assignee == people.anna
    assert ticket.code not in client.get("/console/").text.split("<main")[1]


def test_public_reply_is_queued_for_the_answer_address_not_sent_in_the_request(people, login, open_ticket_for,
                                                                            mailoutbox):
    ticket = open_ticket_for(people.giulia)
    client = login(people.anna)
    response = client.post(f"/console/tickets/{ticket.code}/reply/",
                           {"body": "Ci invia il log?", "then_status": "waiting"})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.WAITING and ticket.assignee == people.anna
    assert ticket.first_response_at is not None
    reply = OutboundMail.objects.get(template="public_reply")
    assert reply.to == [ticket.answer_email] and reply.state == OutboundMail.State.PENDING
    assert reply.in_reply_to == OutboundMail.objects.get(template="ticket_opened").message_id
    assert mailoutbox == []  # delivery is the worker's job


def test_internal_note_and_history_are_on_the_ticket_page(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    client = login(people.anna)
    client.post(f"/console/tickets/{ticket.code}/claim/")
    client.post(f"/console/tickets/{ticket.code}/note/", {"body": "Verificare la versione"})
    page = client.get(f"/console/tickets/{ticket.code}/").text
    assert "Verificare la versione" in page and "Nota interna" in page
    assert "Preso in carico da Anna Tecnico" in page and "Stato: Nuovo → In lavorazione" in page
    assert not OutboundMail.objects.filter(template="public_reply").exists()


def test_only_a_supervisor_can_reassign(people, login, open_ticket_for, client):
    ticket = open_ticket_for(people.giulia)
    login(people.anna).post(f"/console/tickets/{ticket.code}/claim/")
    fields = {"status": "open", "priority": "normal", "request_type": ticket.request_type_id}
    log_in(client, people.paolo)   # a technician's panel ignores the technician field
    client.post(f"/console/tickets/{ticket.code}/properties/", {**fields, "technician": people.paolo.pk})
    assert Ticket.objects.get(pk=ticket.pk).assignee == people.anna
    log_in(client, people.silvia)
    response = client.post(f"/console/tickets/{ticket.code}/properties/", {**fields, "technician": people.paolo.pk})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.assignee == people.paolo
    assert OutboundMail.objects.filter(template="ticket_assigned", to=[people.paolo.email]).exists()
    assert "Riassegnato da Anna Tecnico a Paolo Tecnico" in client.get(f"/console/tickets/{ticket.code}/").text


def test_find_by_code(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    client = login(people.anna)
    response = client.get("/console/search/", {"q": ticket.code.lower()})
    assert response.status_code == 302 and response.url == f"/console/tickets/{ticket.code}/"
    assert "Nessun ticket ha il codice TK999999" in client.get("/console/search/", {"q": "TK999999"}).text


def test_list_pages_use_a_constant_number_of_queries(people, login, open_ticket_for,
                                                     django_assert_max_num_queries):
    """No N+1: the same queries for 3 tickets as for 30."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(people.anna)
    staff_urls = ["/console/", "/console/tickets/", "/console/mine/"]

    def counts():
        result = []
        for url in staff_urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx))
        log_in(client, people.mario)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/portal/").status_code == 200
        log_in(client, people.anna)
        return result + [len(ctx)]

    for _ in range(3):
        open_ticket_for(people.giulia)
    few = counts()
    for _ in range(27):
        open_ticket_for(people.mario)
    assert counts() == few


def test_the_customers_thread_does_not_reference_staff_notices(people, open_ticket_for):
    from sportello.tickets import actions

    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Aggiungo un dettaglio")
    reply = actions.reply_to_customer(ticket=ticket, author=people.anna, body="Grazie, verifico.")
    mail = OutboundMail.objects.get(template="public_reply")
    customer_ids = list(OutboundMail.objects.filter(to=[ticket.answer_email]).exclude(pk=mail.pk)
                        .values_list("message_id", flat=True))
    notice = OutboundMail.objects.get(template="customer_replied")
    assert mail.references.split() == customer_ids and notice.message_id not in mail.references
    assert reply.ticket_id == ticket.pk


def test_a_queue_row_is_taken_in_one_click(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    client = login(people.anna)
    assert f'action="/console/tickets/{ticket.code}/claim/"' in client.get("/console/").text
    response = client.post(f"/console/tickets/{ticket.code}/claim/")
    assert response.url == f"/console/tickets/{ticket.code}/"
    assert f'action="/console/tickets/{ticket.code}/claim/"' not in client.get("/console/tickets/").text


def test_next_ticket_takes_the_head_of_the_queue_and_opens_it(people, login, open_ticket_for):
    first, second = open_ticket_for(people.giulia), open_ticket_for(people.luca)
    client = login(people.anna)
    assert client.post("/console/next/").url == f"/console/tickets/{first.code}/"
    assert client.post("/console/next/").url == f"/console/tickets/{second.code}/"
    empty = client.post("/console/next/", follow=True)
    assert "La coda è vuota" in empty.text
    assert set(Ticket.objects.values_list("assignee", flat=True)) == {people.anna.pk}


@pytest.mark.django_db(transaction=True)
def test_technicians_pressing_next_together_never_get_the_same_ticket(people, open_ticket_for):
    tickets = [open_ticket_for(people.giulia, subject=f"Richiesta {n}") for n in range(6)]
    technicians = [people.anna, people.paolo, people.silvia]
    clients = []
    for person in technicians:
        client = Client()
        log_in(client, person)
        clients.append(client)
    answers = run_together([lambda c=c: [c.post("/console/next/").url for _ in range(2)] for c in clients])
    opened = [url for urls in answers for url in urls]
    assert sorted(opened) == sorted(f"/console/tickets/{t.code}/" for t in tickets)   # each once
    held = dict(Ticket.objects.values_list("code", "assignee"))
    for person, urls in zip(technicians, answers, strict=True):
        assert all(held[url.split("/")[-2]] == person.pk for url in urls)


def test_the_navigation_counts_call_backs_and_mail_to_sort_and_the_call_backs_refresh(people, login):
    from sportello.mail.inbound import receive
    from sportello.phone.actions import request_callback

    request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.mario, topic="Bilancio")
    receive(b"From: sconosciuto@example.com\r\nTo: assistenza@sportello.example\r\nSubject: Preventivo\r\n"
            b"Message-ID: <x1@example.com>\r\n\r\nVorrei un preventivo.\r\n")
    client = login(people.silvia)
    page = client.get("/console/").text
    assert 'Richiamate <span class="count">1</span>' in page
    assert 'Posta da smistare <span class="count">1</span>' in page
    callbacks = client.get("/console/callbacks/").text
    assert 'hx-trigger="every 20s"' in callbacks
    fragment = client.get("/console/callbacks/", headers={"HX-Request": "true"}).text
    assert "02 1234 5678" in fragment and "<html" not in fragment


def test_the_assignee_sees_what_is_new_until_opening_the_ticket(people, login, open_ticket_for):
    from sportello.tickets import actions

    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    anna = login(people.anna)
    assert "Il cliente ha risposto" not in anna.get("/console/mine/").text
    actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Ecco altri dettagli")
    assert "Il cliente ha risposto" in anna.get("/console/mine/").text
    silvia = Client()
    log_in(silvia, people.silvia)
    assert "Il cliente ha risposto" in silvia.get("/console/tickets/").text
    silvia.get(f"/console/tickets/{ticket.code}/")   # someone else looking changes nothing
    assert "Il cliente ha risposto" in anna.get("/console/mine/").text
    anna.get(f"/console/tickets/{ticket.code}/")
    assert "Il cliente ha risposto" not in anna.get("/console/mine/").text
    request = actions.request_file(ticket=ticket, by=people.anna, description="La schermata dell'errore")
    Ticket.objects.filter(pk=ticket.pk).update(news="")
    from django.core.files.base import ContentFile

    from sportello.tickets.files import check_file, store_file

    stream = ContentFile(b"%PDF-1.4 schermata", name="errore.pdf")
    checked = check_file(ticket=ticket, name="errore.pdf", stream=stream, size=stream.size)
    store_file(ticket=ticket, checked=checked, stream=stream, file_request=request, by=people.giulia)
    actions.complete_file_request(file_request=request, by=people.giulia)
    assert "File ricevuto" in anna.get("/console/mine/").text
