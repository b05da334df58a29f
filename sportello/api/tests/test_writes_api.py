"""Writes that cost something (units, purchases) and retries that must not repeat them."""

import threading
from datetime import date

import pytest
from django.db import connection

from sportello.api import tokens
from sportello.api.models import Scope
from sportello.customers.ledger import available_units
from sportello.customers.models import CompanyPackage, LedgerEntry, PackageProduct
from sportello.tickets.models import Ticket

from .conftest import Api, new_ticket


def test_a_retried_creation_with_the_same_key_opens_one_ticket_and_spends_one_unit(people, integration):
    before = available_units(people.acme)
    first = integration.post("/api/v1/tickets/", new_ticket(people.acme), **{"Idempotency-Key": "ordine-42"})
    again = integration.post("/api/v1/tickets/", new_ticket(people.acme), **{"Idempotency-Key": "ordine-42"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again["Idempotent-Replayed"] == "true"
    assert Ticket.objects.count() == 1 and available_units(people.acme) == before - 1
    # The same key with another request is a mistake, said plainly; another key is another ticket.
    other = integration.post("/api/v1/tickets/", new_ticket(people.acme, subject="Altro"),
                             **{"Idempotency-Key": "ordine-42"})
    assert other.status_code == 422 and "Idempotency-Key" in other.json()["detail"]
    assert integration.post("/api/v1/tickets/", new_ticket(people.acme), **{"Idempotency-Key": "ordine-43"}
                            ).status_code == 201
    assert Ticket.objects.count() == 2


def test_a_failed_creation_keeps_no_key_so_the_retry_runs(people, integration):
    bad = integration.post("/api/v1/tickets/", new_ticket(people.acme, description="corta"),
                           **{"Idempotency-Key": "k1"})
    assert bad.status_code == 400
    good = integration.post("/api/v1/tickets/", new_ticket(people.acme, description="corta"[:0] + "Ora va descritto bene."),
                            **{"Idempotency-Key": "k2"})
    assert good.status_code == 201


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_open_one_ticket(people):
    """Eight threads send the same creation at once (a client retrying on timeouts)."""
    _token, secret = tokens.create_integration_token(name="ERP", scopes=Scope.values, by=people.silvia)
    before = available_units(people.acme)
    answers, errors = [], []
    start = threading.Barrier(8)

    def send():
        try:
            api = Api(secret)
            start.wait(timeout=10)
            answers.append(api.post("/api/v1/tickets/", new_ticket(people.acme), **{"Idempotency-Key": "burst"}))
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert [a.status_code for a in answers] == [201] * 8
    assert len({a.json()["code"] for a in answers}) == 1
    assert Ticket.objects.count() == 1 and available_units(people.acme) == before - 1


def test_billing_records_a_purchase_and_the_balance_follows(people, integration):
    product = PackageProduct.objects.create(name="Pacchetto 10", units=10, validity_months=12)
    before = available_units(people.beta)
    answer = integration.post("/api/v1/packages/", {"company": people.beta.pk, "product": product.pk,
                                                    "purchased_on": date.today().isoformat(), "notes": "Fattura 118"},
                              **{"Idempotency-Key": "fattura-118"})
    assert answer.status_code == 201, answer.content
    integration.post("/api/v1/packages/", {"company": people.beta.pk, "product": product.pk,
                                           "purchased_on": date.today().isoformat(), "notes": "Fattura 118"},
                     **{"Idempotency-Key": "fattura-118"})
    assert available_units(people.beta) == before + 10
    assert CompanyPackage.objects.filter(company=people.beta, notes="Fattura 118").count() == 1
    entry = LedgerEntry.objects.get(company=people.beta, kind="purchase", package_id=answer.json()["id"])
    assert entry.actor.full_name == "API · ERP Omnia"
    movements = integration.get("/api/v1/ledger/", company=people.beta.pk).json()["results"]
    assert movements[0]["kind"] == "purchase" and movements[0]["units"] == 10


def test_adjustments_never_take_a_balance_below_zero(people, integration):
    answer = integration.post("/api/v1/ledger/", {"company": people.acme.pk, "units": -5000, "reason": "prova"})
    assert answer.status_code == 400   # the form's own bound: ±1000
    answer = integration.post("/api/v1/ledger/", {"company": people.acme.pk, "units": 3, "reason": "omaggio"})
    assert answer.status_code == 201 and answer.json()["units"] == 3
    credit = integration.post("/api/v1/ledger/", {"company": people.acme.pk, "units": -4, "reason": "errore"})
    assert credit.status_code == 409 and "3" in credit.json()["detail"]


def test_a_customer_uploads_the_requested_file_through_the_api(people, personal, open_ticket_for):
    from sportello.tickets.actions import request_file

    ticket = open_ticket_for(people.mario)
    file_request = request_file(ticket=ticket, by=people.anna, description="Il file di log, per favore")
    mario = personal(people.mario)
    sent = mario.client.post(f"/api/v1/file-requests/{file_request.pk}/files/",
                             {"files": _file("errori.log", b"ERRORE 42\n")})
    assert sent.status_code == 201, sent.content
    assert sent.json()["files"][0]["name"] == "errori.log"
    refused = mario.client.post(f"/api/v1/file-requests/{file_request.pk}/files/", {"files": _file("virus.exe", b"MZ")})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "files"
    assert mario.post(f"/api/v1/file-requests/{file_request.pk}/complete/").json() == {"completed": True}
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN and ticket.news == Ticket.News.FILE
    download = personal(people.anna).client.get(sent.json()["files"][0]["download_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"ERRORE 42\n"
    assert personal(people.luca).client.get(sent.json()["files"][0]["download_url"]).status_code == 404


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_a_callback_needs_a_valid_phone_contract(people, integration, personal):
    from sportello.phone.models import PhoneContract

    ask = {"company": people.acme.pk, "phone_number": "02 1234 5678", "contact_name": "Mario",
           "topic": "Chiusura di fine anno"}
    refused = integration.post("/api/v1/callbacks/", ask)
    assert refused.status_code == 409 and "Acme" in refused.json()["detail"]
    PhoneContract.objects.create(company=people.acme, valid_from=date(2020, 1, 1), valid_until=date(2099, 1, 1))
    assert integration.post("/api/v1/callbacks/", ask).status_code == 201
    assert personal(people.mario).post("/api/v1/callbacks/", {**ask, "company": people.beta.pk}).json()["company"] \
        == people.acme.pk
    assert integration.post("/api/v1/callbacks/", {**ask, "phone_number": "chiamatemi"}).status_code == 400


def test_a_runaway_script_is_slowed_down_per_token(people, integration, personal, settings):
    from django.core.cache import cache

    cache.clear()
    settings.SPORTELLO_API_RATE = "3/min"
    answers = [integration.get("/api/v1/request-types/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = integration.get("/api/v1/request-types/")
    assert int(limited["Retry-After"]) > 0 and limited["Content-Type"] == "application/problem+json"
    assert personal(people.mario).get("/api/v1/request-types/").status_code == 200   # another token is not slowed
    cache.clear()


def test_a_reply_carries_files_through_the_same_checks(people, personal, open_ticket_for):
    ticket = open_ticket_for(people.mario)
    anna = personal(people.anna)
    sent = anna.client.post(f"/api/v1/tickets/{ticket.code}/replies/",
                            {"body": "Ecco la guida", "files": [_file("guida.pdf", b"%PDF-1.4 guida")]})
    assert sent.status_code == 201, sent.content
    assert [a["name"] for a in sent.json()["attachments"]] == ["guida.pdf"]
    refused = anna.client.post(f"/api/v1/tickets/{ticket.code}/notes/",
                               {"body": "Programma", "files": [_file("setup.exe", b"MZ\x90\x00")]})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "files"
    assert ticket.messages.count() == 1     # the refused note was not written
    seen = personal(people.mario).get(f"/api/v1/tickets/{ticket.code}/messages/").json()["results"]
    assert seen[0]["attachments"][0]["name"] == "guida.pdf"
