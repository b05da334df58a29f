"""Who reaches what: tokens, scopes, revocation, and the tenancy wall between companies."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from sportello.accounts.models import AuditEntry
from sportello.api import tokens
from sportello.api.models import ApiToken, Scope
from sportello.conftest import log_in
from sportello.phone.models import CallbackRequest, PhoneContract
from sportello.tickets.actions import request_file

from .conftest import Api


def test_no_token_a_wrong_token_and_a_revoked_token_are_all_refused(people, integration):
    assert Client().get("/api/v1/tickets/").status_code == 401
    assert Api("spt_not-a-real-token").get("/api/v1/tickets/").status_code == 401
    token, secret = tokens.create_integration_token(name="Vecchio", scopes=[Scope.TICKETS_READ], by=people.silvia)
    api = Api(secret)
    assert api.get("/api/v1/tickets/").status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    assert tokens.revoke(token=token, by=people.silvia)
    answer = api.get("/api/v1/tickets/")
    assert answer.status_code == 401 and "revocato" in answer.json()["detail"]
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.TOKEN_REVOKED, actor=people.silvia).exists()


def test_only_the_hash_of_a_token_is_stored(people):
    token, secret = tokens.create_integration_token(name="ERP", scopes=[Scope.TICKETS_READ], by=people.silvia)
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in str(stored) and stored["key_hash"] == ApiToken.hash(secret)


def test_scopes_limit_what_a_token_does(people):
    _token, secret = tokens.create_integration_token(name="Sola lettura", scopes=[Scope.TICKETS_READ], by=people.silvia)
    reader = Api(secret)
    assert reader.get("/api/v1/tickets/").status_code == 200
    assert reader.post("/api/v1/tickets/", {}).status_code == 403
    assert reader.get("/api/v1/companies/").status_code == 403
    assert reader.post("/api/v1/packages/", {}).status_code == 403


def test_a_personal_token_never_gets_more_than_its_person(people, personal):
    _token, secret = tokens.create_personal_token(user=people.mario, name="x", scopes=Scope.values)
    mario = Api(secret)
    assert mario.post("/api/v1/packages/", {"company": people.acme.pk}).status_code == 403
    assert [c["id"] for c in mario.get("/api/v1/companies/").json()["results"]] == [people.acme.pk]
    # A contact who is not the administrator sees only themself among the contacts.
    emails = [c["email"] for c in personal(people.giulia).get("/api/v1/contacts/").json()["results"]]
    assert emails == ["giulia@acme.test"]


def test_a_token_restricted_to_one_company_sees_only_that_company(people, open_ticket_for):
    acme_ticket, beta_ticket = open_ticket_for(people.mario), open_ticket_for(people.luca)
    _token, secret = tokens.create_integration_token(name="Acme ERP", scopes=Scope.values, by=people.silvia,
                                                     company=people.acme)
    acme_erp = Api(secret)
    assert [t["code"] for t in acme_erp.get("/api/v1/tickets/").json()["results"]] == [acme_ticket.code]
    assert acme_erp.get(f"/api/v1/tickets/{beta_ticket.code}/").status_code == 404
    answer = acme_erp.post("/api/v1/tickets/", {"company": people.beta.pk})
    assert answer.status_code == 400


@pytest.fixture
def acme_objects(people, open_ticket_for):
    """One of each Acme object the API can reach, by the URLs a caller would guess."""
    from sportello.tickets.files import store_bytes

    ticket = open_ticket_for(people.mario)
    file_request = request_file(ticket=ticket, by=people.anna, description="Il file di log")
    attachment = store_bytes(ticket=ticket, name="log.txt", data=b"riga 1\n", by=people.mario)
    contract = PhoneContract.objects.create(company=people.acme, valid_from=date(2026, 1, 1), valid_until=date(2027, 12, 31))
    callback = CallbackRequest.objects.create(company=people.acme, phone_number="02 1234", due_at=ticket.created_at,
                                              at_risk_at=ticket.created_at)
    return {"code": ticket.code, "file_request": file_request.pk, "attachment": attachment.pk,
            "company": people.acme.pk, "contact": people.mario.contact.pk, "package": people.acme.packages.get().pk,
            "phone_contract": contract.pk, "callback": callback.pk}


def _acme_urls(objects, ghost=False):
    """Every route of the router that names one object, filled with Acme's ids (or, with
    `ghost`, with ids that exist nowhere)."""
    from sportello.api.urls import router

    ids = {"ticket": objects["code"], "attachment": objects["attachment"], "file-request": objects["file_request"],
           "company": objects["company"], "contact": objects["contact"], "package": objects["package"],
           "phone-contract": objects["phone_contract"], "callback": objects["callback"]}
    if ghost:
        ids = {key: "TK999999" if key == "ticket" else 999999 for key in ids}
    urls = []
    for pattern in router.urls:
        name = pattern.name
        if "<" not in str(pattern.pattern):
            continue
        basename = max((b for b in ids if name.startswith(b + "-")), key=len)
        key = "code" if basename == "ticket" else "pk"
        url = reverse(f"api:{name}", kwargs={key: ids[basename]})
        urls.append(url)
    return urls


def test_beta_gets_404_for_every_acme_object_through_every_endpoint(people, personal, acme_objects):
    urls = _acme_urls(acme_objects)
    assert len(urls) >= 20
    luca = personal(people.luca)
    body = {"body": "prova di accesso", "status": "open"}
    for url, ghost in zip(urls, _acme_urls(acme_objects, ghost=True), strict=True):
        assert luca.get(url).status_code in (404, 405), url
        # A write Luca's token may not make at all (403) says nothing about the object: it must
        # answer exactly as for an object that does not exist.
        answer = luca.post(url, body)
        assert answer.status_code in (404, 405) or answer.status_code == luca.post(ghost, body).status_code, url
    # And the lists by company filter give nothing of Acme's.
    for path in ("/api/v1/tickets/", "/api/v1/packages/", "/api/v1/ledger/", "/api/v1/callbacks/",
                 "/api/v1/phone-contracts/", "/api/v1/contacts/", "/api/v1/attachments/"):
        rows = luca.get(path, company=people.acme.pk).json().get("results", [])
        assert rows == [], path
    # Acme's administrator reaches them (the test would pass vacuously otherwise).
    mario = personal(people.mario)
    assert all(mario.get(url).status_code in (200, 405) for url in urls if not re.search(r"/(history)/$", url))


def test_supervisors_make_integration_tokens_shown_once(people, login):
    page = login(people.silvia)
    answer = page.post(reverse("console:api_tokens"), {"name": "Fatturazione", "scopes": ["packages:write"]})
    secret = re.search(r'value="(spt_[^"]+)"', answer.content.decode()).group(1)
    assert Api(secret).get("/api/v1/packages/").status_code == 403       # write only, as asked
    assert secret not in page.get(reverse("console:api_tokens")).content.decode()
    token = ApiToken.objects.get()
    assert token.user.full_name == "API · Fatturazione" and not token.user.has_usable_password()
    page.post(reverse("api_token_revoke", args=[token.pk]))
    assert Api(secret).get("/api/v1/request-types/").status_code == 401


def test_a_token_is_restricted_to_the_company_typed_by_its_customer_code(people, login):
    page = login(people.silvia)
    page.post(reverse("console:api_tokens"), {"name": "ERP Beta", "scopes": ["tickets:read"], "company": "c0002"})
    assert ApiToken.objects.get(name="ERP Beta").company == people.beta
    refused = page.post(reverse("console:api_tokens"), {"name": "Nessuna", "scopes": ["tickets:read"],
                                                        "company": "Gamma"})
    assert "Nessuna azienda attiva ha questo codice cliente o nome." in refused.content.decode()
    assert not ApiToken.objects.filter(name="Nessuna").exists()


def test_technicians_cannot_make_integration_tokens_nor_revoke_others(people, login):
    token, _secret = tokens.create_personal_token(user=people.mario, name="Excel", scopes=[Scope.TICKETS_READ])
    page = login(people.anna)
    assert page.get(reverse("console:api_tokens")).status_code == 403
    assert page.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    customer = Client()
    log_in(customer, people.mario)
    refused = customer.post(reverse("accounts:api_tokens"), {"name": "Acquisti", "scopes": ["packages:write"]})
    assert refused.status_code == 200 and not ApiToken.objects.filter(name="Acquisti").exists()
    answer = customer.post(reverse("accounts:api_tokens"), {"name": "Excel 2", "scopes": ["tickets:read"]})
    assert 'value="spt_' in answer.content.decode()
    assert ApiToken.objects.get(name="Excel 2").scopes == ["tickets:read"]
