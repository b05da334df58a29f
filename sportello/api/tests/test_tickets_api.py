"""Tickets through the API: the same use cases and rules as the pages."""

import pytest

from sportello.customers.ledger import available_units
from sportello.tickets.models import Event, Ticket

from .conftest import new_ticket


def test_an_integration_opens_a_ticket_that_spends_a_unit_and_names_the_integration(people, integration):
    before = available_units(people.acme)
    answer = integration.post("/api/v1/tickets/", new_ticket(people.acme, contact_email="MARIO@acme.test"))
    assert answer.status_code == 201, answer.content
    ticket = Ticket.objects.get(code=answer.json()["code"])
    assert (ticket.company, ticket.contact, ticket.channel) == (people.acme, people.mario, Ticket.Channel.API)
    assert available_units(people.acme) == before - 1
    created = ticket.events.get(kind=Event.Kind.CREATED)
    assert created.actor.full_name == "API · ERP Omnia"
    assert answer.json()["company"]["customer_code"] == "C0001"
    # Mario sees it in the reserved area like any ticket of his.
    assert Ticket.objects.visible_to(people.mario).filter(pk=ticket.pk).exists()


def test_opening_checks_the_fields_like_the_form_and_says_which(people, integration):
    answer = integration.post("/api/v1/tickets/", new_ticket(people.acme, callback_phone="chiamami",
                                                             description="corta"))
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    body = answer.json()
    assert {e["field"] for e in body["errors"]} == {"callback_phone", "description"}
    assert "02 1234 5678" in " ".join(e["message"] for e in body["errors"])   # the form's own Italian message
    assert not Ticket.objects.exists()


def test_a_company_without_units_gets_a_conflict_and_nothing_is_written(people, integration):
    from sportello.customers import ledger

    ledger.adjust_units(company=people.beta, units=-available_units(people.beta),
                        package=people.beta.packages.get(), reason="test", by=None)
    answer = integration.post("/api/v1/tickets/", new_ticket(people.beta))
    assert answer.status_code == 409
    assert "Beta S.p.A." in answer.json()["detail"]
    assert not Ticket.objects.exists()


def test_a_customer_token_opens_for_its_own_company_whatever_it_claims(people, personal):
    answer = personal(people.luca).post("/api/v1/tickets/", new_ticket(people.acme))
    assert answer.status_code == 201
    ticket = Ticket.objects.get(code=answer.json()["code"])
    assert (ticket.company, ticket.contact) == (people.beta, people.luca)


def test_a_customer_token_sees_what_the_customer_sees(people, personal, open_ticket_for):
    mine, colleague = open_ticket_for(people.giulia), open_ticket_for(people.mario)
    other = open_ticket_for(people.luca)
    giulia = personal(people.giulia)
    listed = giulia.get("/api/v1/tickets/").json()["results"]
    assert [row["code"] for row in listed] == [mine.code]
    assert giulia.get(f"/api/v1/tickets/{colleague.code}/").status_code == 404
    assert giulia.get(f"/api/v1/tickets/{other.code}/").status_code == 404
    # The company administrator sees the company's tickets, not Beta's.
    codes = {row["code"] for row in personal(people.mario).get("/api/v1/tickets/").json()["results"]}
    assert codes == {mine.code, colleague.code}


def test_internal_notes_reach_staff_and_integrations_never_customers(people, personal, integration, open_ticket_for):
    ticket = open_ticket_for(people.mario)
    anna = personal(people.anna)
    assert anna.post(f"/api/v1/tickets/{ticket.code}/notes/", {"body": "Cliente con versione vecchia"}).status_code == 201
    assert anna.post(f"/api/v1/tickets/{ticket.code}/replies/",
                     {"body": "Aggiorni alla 4.6, per favore.", "then_status": "waiting"}).status_code == 201
    seen_by_customer = personal(people.mario).get(f"/api/v1/tickets/{ticket.code}/messages/").json()["results"]
    assert [m["body"] for m in seen_by_customer] == ["Aggiorni alla 4.6, per favore."]
    assert seen_by_customer[0]["kind"] == "staff"
    seen_by_erp = integration.get(f"/api/v1/tickets/{ticket.code}/messages/").json()["results"]
    assert {m["kind"] for m in seen_by_erp} == {"note", "staff"}
    # A customer cannot write a note, nor read the history.
    mario = personal(people.mario)
    assert mario.post(f"/api/v1/tickets/{ticket.code}/notes/", {"body": "ciao ciao"}).status_code == 403
    assert mario.get(f"/api/v1/tickets/{ticket.code}/history/").status_code == 403
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.WAITING and ticket.assignee == people.anna
    # The customer answers: the ticket goes back to the technician.
    assert mario.post(f"/api/v1/tickets/{ticket.code}/replies/", {"body": "Fatto, ora funziona?"}).status_code == 201
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN and ticket.news == Ticket.News.REPLY


def test_an_integration_reply_takes_no_ticket_but_answers_it(people, integration, open_ticket_for):
    ticket = open_ticket_for(people.mario)
    assert integration.post(f"/api/v1/tickets/{ticket.code}/replies/", {"body": "Risposta dal gestionale"}).status_code == 201
    ticket.refresh_from_db()
    assert ticket.assignee is None and ticket.first_response_at is not None
    assert ticket.messages.get().from_staff


def test_status_changes_follow_the_transition_table(people, personal, open_ticket_for):
    ticket = open_ticket_for(people.mario)
    anna = personal(people.anna)
    refused = anna.post(f"/api/v1/tickets/{ticket.code}/status/", {"status": "resolved"})
    assert refused.status_code == 409 and "In lavorazione (open)" in refused.json()["detail"]
    assert anna.post(f"/api/v1/tickets/{ticket.code}/claim/").json()["status"] == "open"
    assert anna.post(f"/api/v1/tickets/{ticket.code}/status/", {"status": "resolved"}).json()["status"] == "resolved"
    assert anna.post(f"/api/v1/tickets/{ticket.code}/priority/", {"priority": "urgent"}).json()["priority"] == "urgent"
    kinds = [e["kind"] for e in anna.get(f"/api/v1/tickets/{ticket.code}/history/").json()["results"]]
    assert {"assigned", "status", "priority"} <= set(kinds)


def test_claim_is_won_once_and_assign_is_for_supervisors(people, personal, integration, open_ticket_for):
    ticket = open_ticket_for(people.mario)
    assert personal(people.anna).post(f"/api/v1/tickets/{ticket.code}/claim/").status_code == 200
    lost = personal(people.paolo).post(f"/api/v1/tickets/{ticket.code}/claim/")
    assert lost.status_code == 409 and "Anna Tecnico" in lost.json()["detail"]
    assert integration.post(f"/api/v1/tickets/{ticket.code}/claim/").status_code == 403
    assert personal(people.anna).post(f"/api/v1/tickets/{ticket.code}/assign/",
                                      {"technician": people.paolo.pk}).status_code == 403
    assert integration.post(f"/api/v1/tickets/{ticket.code}/assign/",
                            {"technician": people.mario.pk}).status_code == 400   # a customer is no technician
    moved = personal(people.silvia).post(f"/api/v1/tickets/{ticket.code}/assign/", {"technician": people.paolo.pk})
    assert moved.json()["assignee"]["name"] == "Paolo Tecnico"


def test_merge_and_split_through_the_same_rules(people, personal, open_ticket_for):
    first, duplicate, other = open_ticket_for(people.mario), open_ticket_for(people.mario), open_ticket_for(people.luca)
    anna = personal(people.anna)
    refused = anna.post(f"/api/v1/tickets/{duplicate.code}/merge/", {"into": other.code})
    assert refused.status_code == 409 and "stessa azienda" in refused.json()["detail"]
    assert anna.post(f"/api/v1/tickets/{duplicate.code}/merge/", {"into": first.code.lower()}).status_code == 200
    duplicate.refresh_from_db()
    assert duplicate.status == Ticket.Status.CLOSED
    split = anna.post(f"/api/v1/tickets/{first.code}/split/", {"subject": "Seconda domanda",
                                                                "text": "E la fattura elettronica non parte."})
    assert split.status_code == 201 and split.json()["subject"] == "Seconda domanda"


def test_lists_filter_and_page_by_cursor_without_repeating_a_ticket(people, integration, open_ticket_for):
    made = [open_ticket_for(people.mario, subject=f"Problema {n}") for n in range(7)]
    Ticket.objects.filter(pk=made[0].pk).update(priority="urgent")
    seen, url = [], "/api/v1/tickets/?page_size=3"
    for _page in range(5):
        answer = integration.client.get(url).json()
        seen += [row["code"] for row in answer["results"]]
        if not answer["next"]:
            break
        url = answer["next"]
    assert seen == [t.code for t in reversed(made)]
    urgent = integration.get("/api/v1/tickets/", priority="urgent").json()["results"]
    assert [row["code"] for row in urgent] == [made[0].code]
    bad = integration.get("/api/v1/tickets/", status="aperto")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "status"
    assert integration.get("/api/v1/tickets/", company="acme").status_code == 400


def test_search_finds_italian_words_and_never_another_companys_ticket(people, personal, open_ticket_for):
    acme = open_ticket_for(people.mario, subject="Scarti SDI",
                           description="Le fatture elettroniche tornano scartate dal sistema.")
    open_ticket_for(people.luca, subject="Fattura elettronica bloccata", description="La fattura elettronica è ferma.")
    found = personal(people.mario).get("/api/v1/tickets/", q="fattura elettronica").json()["results"]
    assert [row["code"] for row in found] == [acme.code]
    assert "<mark>" in found[0]["snippet"]


@pytest.mark.parametrize("language, words", [("it", "Autenticazione"), ("en", "Authentication")])
def test_errors_are_problem_details_in_the_callers_language(db, client, language, words):
    answer = client.get("/api/v1/tickets/", headers={"Accept-Language": language})
    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/problem+json"
    assert answer["WWW-Authenticate"].startswith("Bearer")
    body = answer.json()
    assert body["status"] == 401 and body["type"].startswith("https://") and words in body["title"]


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59-01:00", "2026-11-28T10:00:00", "ieri", "2026-02-31T10:00Z"])
def test_a_date_filter_that_is_no_instant_is_a_clear_400(people, integration, stamp):
    answer = integration.get("/api/v1/tickets/", created_before=stamp)
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "created_before"


def test_an_offset_python_accepts_and_postgresql_refuses_is_read_as_utc(people, integration, open_ticket_for):
    ticket = open_ticket_for(people.mario)
    answer = integration.get("/api/v1/tickets/", created_before="7505-06-20T16:05:02+18:57")
    assert [row["code"] for row in answer.json()["results"]] == [ticket.code]


def test_a_page_of_tickets_or_messages_costs_the_same_queries_however_long(people, integration, open_ticket_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost(path, **params):
        with CaptureQueriesContext(connection) as captured:
            assert integration.get(path, **params).status_code == 200
        return len(captured)

    from sportello.tickets.actions import add_internal_note

    first = open_ticket_for(people.mario)
    add_internal_note(ticket=first, author=people.anna, body="Prima nota")
    cost("/api/v1/tickets/")   # the token's "last used" is written once a minute: not in what is measured
    few = cost("/api/v1/tickets/"), cost(f"/api/v1/tickets/{first.code}/messages/")
    for n in range(12):
        ticket = open_ticket_for(people.giulia if n % 2 else people.luca)
        Ticket.objects.filter(pk=ticket.pk).update(assignee=people.anna)
        add_internal_note(ticket=first, author=people.anna if n % 2 else people.paolo, body=f"Nota {n}")
    assert (cost("/api/v1/tickets/"), cost(f"/api/v1/tickets/{first.code}/messages/")) == few


@pytest.mark.parametrize("field", ["company", "request_type"])
def test_an_id_past_64_bits_is_a_clear_400(people, integration, field):
    answer = integration.post("/api/v1/tickets/", {**new_ticket(people.acme), field: 10**20})
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == field
