"""Canned answers: who sees and changes which, placeholders filled from the ticket in
the customer's language, uses counted (also two at once)."""

import pytest
from django.conf import settings
from django.urls import reverse

from sportello.accounts.models import User
from sportello.testing import run_together
from sportello.tickets import actions, canned
from sportello.tickets.models import CannedAnswer

BODY_IT = "Gentile {cliente}, per il ticket {ticket} di {azienda} Le rispondo entro {scadenza}. {tecnico}"


@pytest.fixture
def answers(people):
    shared = CannedAnswer.objects.create(title="Stampa: driver", body_it=BODY_IT,
                                         body_en="Dear {cliente}, about {ticket}: {link_caricamento}",
                                         created_by=people.silvia)
    annas = CannedAnswer.objects.create(title="Saluti di Anna", body_it="Cordiali saluti, {tecnico}",
                                        owner=people.anna, created_by=people.anna)
    return shared, annas


def test_each_technician_sees_the_shared_answers_and_their_own(people, answers):
    shared, annas = answers
    assert list(canned.available_to(people.anna)) == [annas, shared]
    assert list(canned.available_to(people.paolo)) == [shared]


def test_personal_answers_are_their_owners_shared_ones_their_authors_and_supervisors(people, answers):
    shared, annas = answers
    assert canned.may_change(people.anna, annas) and not canned.may_change(people.silvia, annas)
    assert canned.may_change(people.silvia, shared) and not canned.may_change(people.paolo, shared)
    with pytest.raises(canned.CannedRefused):
        canned.retire_answer(answer=shared, by=people.paolo)


def test_placeholders_are_filled_from_the_ticket_in_the_customers_language(people, answers, open_ticket_for):
    shared, _ = answers
    ticket = open_ticket_for(people.mario)
    text = canned.fill(shared, ticket=ticket, technician=people.anna)
    assert text.startswith(f"Gentile Mario Rossi, per il ticket {ticket.code} di Acme S.r.l. Le rispondo entro ")
    assert text.endswith("Anna Tecnico") and "{" not in text
    User.objects.filter(pk=people.mario.pk).update(language="en")
    ticket.contact.refresh_from_db()
    english = canned.fill(shared, ticket=ticket, technician=people.anna)
    assert english == f"Dear Mario Rossi, about {ticket.code}: {settings.SPORTELLO_BASE_URL}/portal/tickets/{ticket.code}/"
    # With a file request open, the link is its upload page.
    request = actions.request_file(ticket=ticket, by=people.anna, description="Il backup, per favore")
    assert canned.fill(shared, ticket=ticket, technician=people.anna).endswith(
        f"/portal/tickets/{ticket.code}/files/{request.pk}/")
    assert CannedAnswer.objects.get(pk=shared.pk).use_count == 3


def test_unknown_braces_stay_as_written(people, open_ticket_for):
    answer = CannedAnswer.objects.create(title="Codice", body_it="Usi {\"x\": 1} e {nome_sbagliato}.")
    assert canned.fill(answer, ticket=open_ticket_for(people.mario), technician=people.anna) == \
        "Usi {\"x\": 1} e {nome_sbagliato}."


@pytest.mark.django_db(transaction=True)
def test_two_technicians_inserting_at_once_both_count(people, answers, open_ticket_for):
    shared, _ = answers
    ticket = open_ticket_for(people.mario)
    run_together([lambda: canned.fill(shared, ticket=ticket, technician=people.anna),
                  lambda: canned.fill(shared, ticket=ticket, technician=people.paolo)])
    assert CannedAnswer.objects.get(pk=shared.pk).use_count == 2


def test_the_console_page_keeps_answers_and_ranks_them_by_use(people, answers, login):
    shared, annas = answers
    CannedAnswer.objects.filter(pk=annas.pk).update(use_count=7)
    anna = login(people.anna)
    anna.post(reverse("console:canned_answers"), {"title": "Backup", "body_it": "Mi invii il backup: {link_caricamento}",
                                                  "body_en": "", "shared": "on"})
    backup = CannedAnswer.objects.get(title="Backup")
    assert backup.shared and backup.created_by == people.anna
    page = anna.get(reverse("console:canned_answers") + "?order=uses").content.decode()
    assert page.index("Saluti di Anna") < page.index("Stampa: driver")
    refused = anna.post(reverse("console:canned_answers"), {"title": "", "body_it": ""})
    assert refused.status_code == 200 and CannedAnswer.objects.count() == 3
    # Paolo sees Anna's shared answer but cannot change it, nor reach her personal one.
    paolo = login(people.paolo)
    paolo.post(reverse("console:canned_answer", args=[backup.pk]), {"title": "Mio", "body_it": "x", "shared": "on"})
    assert CannedAnswer.objects.get(pk=backup.pk).title == "Backup"
    assert paolo.get(reverse("console:canned_answer", args=[annas.pk])).status_code == 404


def test_the_composer_gets_the_filled_text(people, answers, login, open_ticket_for):
    shared, annas = answers
    ticket = open_ticket_for(people.mario)
    anna = login(people.anna)
    page = anna.get(reverse("console:ticket", args=[ticket.code])).content.decode()
    assert "Stampa: driver" in page and 'id="canned-answers"' in page
    answer = anna.post(reverse("console:canned_fill", args=[ticket.code, shared.pk]))
    assert answer.json()["text"].startswith("Gentile Mario Rossi")
    assert anna.get(reverse("console:canned_fill", args=[ticket.code, shared.pk])).status_code == 405
    paolo = login(people.paolo)
    assert paolo.post(reverse("console:canned_fill", args=[ticket.code, annas.pk])).status_code == 404
