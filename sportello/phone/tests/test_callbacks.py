from datetime import date, timedelta

import pytest

from sportello.outbox.models import OutboundMail
from sportello.phone import actions
from sportello.phone.models import CallbackRequest, CodeLookup, PhoneContract, PhoneIntegration
from sportello.testing import run_together
from sportello.tickets.models import Ticket

TODAY = date.today()


@pytest.fixture
def contracts(people):
    acme = PhoneContract.objects.create(company=people.acme, valid_from=TODAY - timedelta(days=30),
                                        valid_until=TODAY + timedelta(days=300))
    beta = PhoneContract.objects.create(company=people.beta, valid_from=TODAY - timedelta(days=400),
                                        valid_until=TODAY - timedelta(days=35))
    return acme, beta


@pytest.fixture
def ivr(db):
    PhoneIntegration.objects.create(name="Centralino", token_hash=PhoneIntegration.hash("segreto-ivr"))
    return {"HTTP_AUTHORIZATION": "Bearer segreto-ivr", "content_type": "application/json"}


def post_ivr(client, ivr, **payload):
    return client.post("/api/v1/phone/callbacks", payload, **ivr)


def test_ivr_records_a_callback_for_a_valid_code(client, contracts, ivr):
    acme, _ = contracts
    response = post_ivr(client, ivr, assistance_code=acme.code_display.lower(), caller_number="+39 02 1234 5678")
    assert response.status_code == 201 and response.json()["company"] == "Acme S.r.l."
    callback = CallbackRequest.objects.get()
    assert callback.source == "ivr" and callback.phone_number == "+39 02 1234 5678" and callback.state == "waiting"


def test_an_older_contract_still_valid_is_accepted(client, contracts, ivr, people):
    acme, _ = contracts
    PhoneContract.objects.create(company=people.acme, valid_from=TODAY, valid_until=TODAY + timedelta(days=700))
    response = post_ivr(client, ivr, assistance_code=acme.assistance_code, caller_number="02 1234 5678")
    assert response.status_code == 201


def test_ivr_refusals(client, contracts, ivr):
    acme, beta = contracts
    assert client.post("/api/v1/phone/callbacks", {}, content_type="application/json").status_code == 401
    wrong = {**ivr, "HTTP_AUTHORIZATION": "Bearer indovino"}
    assert post_ivr(client, wrong, assistance_code=acme.assistance_code, caller_number="02").status_code == 401
    assert post_ivr(client, ivr, caller_number="02").status_code == 400
    unknown = post_ivr(client, ivr, assistance_code="AAAA-AAAA", caller_number="02")
    assert unknown.status_code == 404 and unknown.json()["error"] == "unknown_code"
    expired = post_ivr(client, ivr, assistance_code=beta.assistance_code, caller_number="02")
    assert expired.status_code == 403 and expired.json()["error"] == "contract_not_valid"
    assert not CallbackRequest.objects.exists()


def test_ivr_brute_force_is_throttled(client, contracts, ivr):
    acme, _ = contracts
    for n in range(actions.LOOKUP_LIMIT):
        assert post_ivr(client, ivr, assistance_code=f"WRONG{n}", caller_number="02").status_code == 404
    blocked = post_ivr(client, ivr, assistance_code=acme.assistance_code, caller_number="02")
    assert blocked.status_code == 429 and blocked["Retry-After"] == "600"


def test_regenerated_code_invalidates_the_old_one(contracts, people):
    acme, _ = contracts
    old = acme.assistance_code
    actions.regenerate_code(contract=acme)
    assert actions.lookup_code(typed=old, technician=people.anna) is None
    assert actions.lookup_code(typed=acme.assistance_code, technician=people.anna) == acme


@pytest.mark.django_db(transaction=True)
def test_two_technicians_claim_the_same_callback_one_wins(people, defaults):
    callback = actions.request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.giulia)
    results = run_together([lambda: actions.claim_callback(callback=callback, technician=people.anna),
                            lambda: actions.claim_callback(callback=callback, technician=people.paolo)])
    assert sorted(r.won for r in results) == [False, True]
    assert len({r.holder.pk for r in results}) == 1


def test_failed_attempt_reschedules_and_success_closes(people, contracts, login):
    callback = actions.request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.giulia)
    assert OutboundMail.objects.filter(template="callback_requested", to=[people.giulia.email]).exists()
    client = login(people.anna)
    client.post(f"/console/callbacks/{callback.pk}/claim/")
    client.post(f"/console/callbacks/{callback.pk}/attempt/", {"outcome": "no_answer", "notes": "squilla a vuoto"})
    callback.refresh_from_db()
    assert callback.state == "waiting" and callback.claimed_by is None
    assert callback.next_attempt_at > callback.created_at + timedelta(minutes=29)
    client.post(f"/console/callbacks/{callback.pk}/claim/")
    client.post(f"/console/callbacks/{callback.pk}/attempt/", {"outcome": "done"})
    callback.refresh_from_db()
    assert callback.state == "done" and list(callback.attempts.values_list("outcome", flat=True)) == [
        "no_answer", "done"]


def test_desk_finds_the_company_by_code_or_number_and_logs_every_lookup(people, contracts, login):
    acme, beta = contracts
    client = login(people.anna)
    response = client.get("/console/phone/", {"query": acme.code_display.lower()})
    assert response.url == f"/console/phone/companies/{people.acme.pk}/"
    assert "Contratto telefonico valido fino al" in client.get(response.url).text
    assert "NESSUN CONTRATTO TELEFONICO VALIDO" in client.get(f"/console/phone/companies/{people.beta.pk}/").text
    wrong = client.get("/console/phone/", {"query": "ZZZZ-ZZZZ"}).text
    assert "Nessun cliente ha questo codice" in wrong and acme.assistance_code not in wrong
    by_number = client.get("/console/phone/", {"query": "+39 02 1234 5678"})
    assert by_number.status_code == 200 and "Acme S.r.l." in by_number.text  # two companies share the number
    assert CodeLookup.objects.filter(technician=people.anna).count() == 3


def test_desk_lookups_are_throttled_per_technician(people, contracts, login):
    client = login(people.anna)
    for n in range(actions.LOOKUP_LIMIT):
        client.get("/console/phone/", {"query": f"WRONG{n}"})
    assert "Troppi codici errati" in client.get("/console/phone/", {"query": contracts[0].assistance_code}).text
    assert login(people.paolo).get("/console/phone/", {"query": contracts[0].assistance_code}).status_code == 302


def test_logging_a_call_opens_a_phone_ticket_without_using_a_unit(people, contracts, login):
    from sportello.customers import ledger

    units = ledger.available_units(people.acme)
    client = login(people.anna)
    response = client.post(f"/console/phone/companies/{people.acme.pk}/call/", {
        "caller_name": "Giulia Bianchi", "topic": "Stampa F24", "duration_minutes": 7, "outcome": "ticket",
        "notes": "Da verificare la configurazione della stampante"})
    ticket = Ticket.objects.get()
    assert response.url == f"/console/tickets/{ticket.code}/"
    assert ticket.channel == "phone" and ticket.assignee == people.anna and ticket.status == "open"
    assert ledger.available_units(people.acme) == units
    client.post(f"/console/phone/companies/{people.acme.pk}/call/", {
        "caller_name": "Giulia", "topic": "Richiamata", "duration_minutes": 3, "outcome": "solved",
        "ticket": ticket.pk})
    assert ticket.messages.filter(is_internal=True, body__startswith="☎ Giulia, 3 min").exists()


def test_portal_shows_the_code_and_takes_callback_requests_only_with_a_contract(people, contracts, login):
    acme, _ = contracts
    page = login(people.giulia).get("/portal/phone/").text
    assert acme.code_display in page and ("Linea aperta fino alle" in page or "Riapre" in page)
    response = login(people.giulia).post("/portal/phone/", {
        "phone_number": "02 1234 5678", "contact_name": "Giulia", "topic": "Chiusura bilancio"})
    assert response.status_code == 302 and CallbackRequest.objects.get().contact == people.giulia
    beta_page = login(people.luca).get("/portal/phone/").text
    assert "non ha un contratto di assistenza telefonica valido" in beta_page and "Chiusura bilancio" not in beta_page
    login(people.luca).post("/portal/phone/", {"phone_number": "011 987 6543", "contact_name": "Luca", "topic": "x"})
    assert CallbackRequest.objects.count() == 1


def test_a_successful_call_back_can_open_a_ticket_or_link_one(people, contracts, login, open_ticket_for):
    client = login(people.anna)
    first = actions.request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.giulia,
                                     topic="Errore 1042 in stampa")
    client.post(f"/console/callbacks/{first.pk}/claim/")
    client.post(f"/console/callbacks/{first.pk}/attempt/", {"outcome": "done", "notes": "Da approfondire",
                                                            "open_ticket": "on"})
    first.refresh_from_db()
    assert first.ticket.channel == "phone" and first.ticket.subject == "Errore 1042 in stampa"
    assert first.ticket.assignee == people.anna and first.ticket.callback_phone == "02 1234 5678"
    existing = open_ticket_for(people.mario)
    second = actions.request_callback(company=people.acme, phone_number="02 5555", contact=people.mario)
    client.post(f"/console/callbacks/{second.pk}/claim/")
    client.post(f"/console/callbacks/{second.pk}/attempt/", {"outcome": "done", "ticket_code": existing.code.lower()})
    second.refresh_from_db()
    assert second.ticket == existing and second.state == "done"


def test_call_back_targets_warn_once(people, contracts):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from sportello.phone.sweep import warn_due_callbacks

    callback = actions.request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.giulia)
    CallbackRequest.objects.filter(pk=callback.pk).update(due_at=datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")),
                                                          at_risk_at=datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")))
    assert warn_due_callbacks() == (0, 1)
    assert warn_due_callbacks() == (0, 0)
    assert list(OutboundMail.objects.filter(template="callback_missed").values_list("to", flat=True)) == [
        [people.silvia.email]]


def test_caller_numbers_match_whatever_the_prefix_or_spacing(people, contracts):
    people.luca.contact.phone = "011 987 6543"
    people.luca.contact.save(update_fields=["phone"])
    for typed in ("+39 011 9876543", "0039-011-987-6543", "0119876543"):
        assert [c.user for c in actions.contacts_by_number(typed)] == [people.luca]
    assert actions.contacts_by_number("12") == []


@pytest.mark.parametrize("body", [
    b'"\\ud800"', b'{"assistance_code": "\\ud800", "caller_number": "02"}',
    b'{"assistance_code": "\\udfff\\u0000", "caller_number": "\\ud800"}', b"[" * 100_000 + b"]" * 100_000,
    b'{"a":' * 50_000 + b"1" + b"}" * 50_000, b"\xff\xfe", b"null", b"[]", b'{"assistance_code": ["x"]}',
    b'{"assistance_code": {"$ne": 1}, "caller_number": 2}',
])
def test_ivr_answers_400_to_unusable_json_and_stores_nothing(client, contracts, ivr, body):
    response = client.post("/api/v1/phone/callbacks", body, **ivr)
    assert response.status_code in (400, 404) and "error" in response.json()
    assert not CallbackRequest.objects.exists()


def test_ivr_cleans_what_it_stores(client, contracts, ivr):
    acme, _ = contracts
    body = ('{"assistance_code": "%s", "caller_number": "+39 02\\u0000 1234\\u001b 5678\\ud800", '
            '"topic": "Richiamare \\u007fper\\u000c la stampa%s"}' % (acme.assistance_code, "x" * 500))
    assert client.post("/api/v1/phone/callbacks", body.encode(), **ivr).status_code == 201
    callback = CallbackRequest.objects.get()
    assert callback.phone_number == "+39 02 1234 5678"
    assert callback.topic.startswith("Richiamare per la stampa") and len(callback.topic) == 300


def test_call_backs_download_with_attempts_and_outcome(people, contracts, login):
    import csv
    import io

    from openpyxl import load_workbook

    done = actions.request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.giulia)
    waiting = actions.request_callback(company=people.acme, phone_number="02 8765 4321", contact_name="Mario")
    client = login(people.anna)
    client.post(f"/console/callbacks/{done.pk}/claim/")
    client.post(f"/console/callbacks/{done.pk}/attempt/", {"outcome": "no_answer"})
    client.post(f"/console/callbacks/{done.pk}/claim/")
    client.post(f"/console/callbacks/{done.pk}/attempt/", {"outcome": "done"})
    text = b"".join(client.get("/console/callbacks/", {"format": "csv"}).streaming_content).decode().lstrip("\ufeff")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][0] == "Richiesto il" and [row[3] for row in table[1:]] == [waiting.phone_number, done.phone_number]
    assert table[2][9:11] == ["2", "Parlato con il cliente"] and table[2][6] == "Richiamato" and table[1][9] == "0"
    sheet = load_workbook(io.BytesIO(b"".join(client.get("/console/callbacks/", {"format": "xlsx"})
                                              .streaming_content))).active
    assert sheet.max_row == 3


def test_ivr_refusals_are_problem_details_that_keep_the_old_members(client, contracts, ivr):
    unknown = post_ivr(client, {**ivr, "HTTP_ACCEPT_LANGUAGE": "it"}, assistance_code="AAAA-AAAA", caller_number="02")
    body = unknown.json()
    assert unknown["Content-Type"] == "application/problem+json"
    assert (body["status"], body["error"], body["code"]) == (404, "unknown_code", "unknown_code")
    assert body["message"] == "No phone contract has this assistance code."     # what IVRs already read
    assert "assistenza" in body["detail"] or "codice" in body["detail"]       # for people, in their language
