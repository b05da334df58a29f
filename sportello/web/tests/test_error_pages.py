"""Every server error is a styled Italian page with a way back, and a log line with
the request id and the traceback."""

import logging

import pytest
from django.test import Client


@pytest.fixture
def boom_urls(settings):
    settings.ROOT_URLCONF = "sportello.web.tests.boom_urls"


def test_an_unhandled_exception_is_logged_with_its_request_id_and_shown_as_a_page(people, login, boom_urls, caplog):
    client = login(people.giulia)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR):
        response = client.get("/boom/", headers={"X-Request-ID": "req-1234abcd"})
    assert response.status_code == 500 and response["X-Request-ID"] == "req-1234abcd"
    page = response.text
    assert "Si è verificato un problema da parte nostra" in page and "req-1234abcd" in page
    assert 'lang="it"' in page and "Torna alla pagina iniziale" in page
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.request_id == "req-1234abcd" and "kaboom in a view" in str(record.exc_info[1])


def test_a_forged_request_id_is_replaced(client):
    response = client.get("/accounts/login/", headers={"X-Request-ID": "x\nInjected: yes"})
    assert response["X-Request-ID"] != "x\nInjected: yes" and len(response["X-Request-ID"]) == 32


@pytest.mark.parametrize(("url", "status", "text"), [
    ("/console/tickets/TK999999/", 404, "Pagina non trovata"),
    ("/portal/tickets/TK999999/", 404, "Pagina non trovata"),
    ("/nessuna-pagina/", 404, "Pagina non trovata"),
])
def test_not_found_pages_are_in_italian_in_the_layout(people, login, url, status, text):
    user = people.anna if url.startswith("/console") else people.giulia
    response = login(user).get(url)
    assert response.status_code == status and text in response.text and "Torna alla pagina iniziale" in response.text


def test_a_get_on_an_action_address_is_a_405_page_that_keeps_allow(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    response = login(people.anna).get(f"/console/tickets/{ticket.code}/claim/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "Questo indirizzo non si apre dal browser" in response.text


def test_forbidden_is_a_page_in_italian(people, login):
    response = login(people.anna).get("/console/service-levels/")   # supervisors only
    assert response.status_code == 403 and "Non può aprire questa pagina" in response.text


def test_the_csrf_failure_page_explains_and_never_mentions_debug(people):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "giulia@acme.test", "password": "x"})
    assert response.status_code == 403
    assert "La pagina era scaduta" in response.text and "DEBUG" not in response.text
