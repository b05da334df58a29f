"""A customer never sees another company's data, nor a colleague's tickets unless
they administer the company. Forbidden and missing both answer 404."""

import re

import pytest

from sportello.tickets.models import Ticket


def portal_urls(ticket):
    return [f"/portal/tickets/{ticket.code}/", f"/portal/tickets/{ticket.code}/reply/"]


def test_beta_user_gets_404_on_every_portal_url_of_an_acme_ticket(people, open_ticket_for, login):
    ticket = open_ticket_for(people.giulia)
    client = login(people.luca)
    for url in portal_urls(ticket):
        assert client.get(url).status_code in (404, 405)
        assert client.post(url, {"body": "intrusione"}).status_code == 404
    assert not ticket.messages.exists()
    listing = client.get("/portal/").text
    assert ticket.code not in listing


def test_plain_contact_does_not_see_a_colleagues_ticket(people, open_ticket_for, login):
    ticket = open_ticket_for(people.mario, subject="Richiesta riservata di Mario")
    client = login(people.giulia)
    assert client.get(f"/portal/tickets/{ticket.code}/").status_code == 404
    assert "Richiesta riservata di Mario" not in client.get("/portal/").text


def test_company_administrator_sees_the_whole_company(people, open_ticket_for, login):
    ticket = open_ticket_for(people.giulia, subject="Problema di Giulia")
    client = login(people.mario)
    assert client.get(f"/portal/tickets/{ticket.code}/").status_code == 200
    assert "Problema di Giulia" in client.get("/portal/").text


@pytest.mark.parametrize("who", ["giulia", "mario", "luca", "anna", "silvia", "anonymous"])
def test_visible_to_is_the_single_rule(people, open_ticket_for, who):
    from django.contrib.auth.models import AnonymousUser

    acme_giulia = open_ticket_for(people.giulia)
    acme_mario = open_ticket_for(people.mario)
    beta_luca = open_ticket_for(people.luca)
    user = AnonymousUser() if who == "anonymous" else getattr(people, who)
    expected = {
        "giulia": {acme_giulia}, "mario": {acme_giulia, acme_mario}, "luca": {beta_luca},
        "anna": {acme_giulia, acme_mario, beta_luca}, "silvia": {acme_giulia, acme_mario, beta_luca},
        "anonymous": set(),
    }[who]
    assert set(Ticket.objects.visible_to(user)) == expected


def test_customers_cannot_enter_the_console(people, login):
    response = login(people.mario).get("/console/")
    assert response.status_code == 302 and response.url.startswith("/portal/")


def test_anonymous_visitors_are_sent_to_log_in(client, people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    for url in ["/portal/", f"/portal/tickets/{ticket.code}/", "/console/", f"/console/tickets/{ticket.code}/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_an_account_that_is_neither_staff_nor_a_companys_contact_is_refused(people, login):
    from sportello.accounts.models import User

    stray = User.objects.create_user("ex.cliente@acme.test", "test-pass-1234", full_name="Ex Cliente")
    assert login(stray).get("/portal/").status_code == 403


def test_the_reserved_area_reads_the_contact_and_its_company_in_one_query(people, open_ticket_for, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ticket = open_ticket_for(people.mario)
    client = login(people.mario)
    for url in ["/portal/", "/portal/tickets/new/", f"/portal/tickets/{ticket.code}/", "/portal/search/?q=stampa"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        reads = [q["sql"] for q in queries if re.search(r'FROM "customers_(contact|company)"', q["sql"])]
        assert len(reads) == 1 and 'JOIN "customers_company"' in reads[0], (url, reads)
