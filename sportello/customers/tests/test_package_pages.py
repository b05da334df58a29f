from datetime import timedelta

from dateutil.relativedelta import relativedelta

from sportello.conftest import log_in
from sportello.customers import ledger
from sportello.customers.models import LedgerEntry, PackagePolicy, PackageProduct
from sportello.tickets.models import RequestType, Ticket


def empty_acme(people):
    package = people.acme.packages.get()
    left = ledger.available_units(people.acme)
    ledger.adjust_units(company=people.acme, units=-left, package=package, reason="test", by=people.silvia)


def test_balance_is_on_the_dashboard_and_the_form(people, login, open_ticket_for):
    open_ticket_for(people.giulia)
    client = login(people.giulia)
    assert '<span class="balance-number">99</span>' in client.get("/portal/").text
    assert '<span class="balance-number">99</span>' in client.get("/portal/tickets/new/").text


def test_no_balance_keeps_the_text_and_says_how_to_buy(people, login):
    policy = PackagePolicy.current()
    policy.purchase_info, policy.sales_email = "Chiami Marta in amministrazione.", "vendite@sportello.test"
    policy.save()
    empty_acme(people)
    response = login(people.giulia).post("/portal/tickets/new/", {
        "request_type": RequestType.objects.get(name="Formazione").pk, "requester_name": "Giulia Bianchi",
        "callback_phone": "02 1234 5678", "answer_email": "giulia@acme.test", "subject": "Corso sul bilancio",
        "description": "Vorremmo un corso sul bilancio per due colleghe."})
    assert response.status_code == 200 and not Ticket.objects.exists()
    page = response.text
    assert "non ha più ticket disponibili, quindi la richiesta non è stata inviata" in page
    assert "Chiami Marta in amministrazione." in page and "vendite@sportello.test" in page
    assert "Vorremmo un corso sul bilancio per due colleghe." in page and 'value="Corso sul bilancio"' in page


def test_packages_page_contacts_see_the_balance_administrators_the_history(people, login, open_ticket_for, client):
    ticket = open_ticket_for(people.giulia)
    page = login(people.giulia).get("/portal/packages/").text
    assert "Pacchetto 100 ticket" in page and "<td data-label=\"Rimasti\"><strong>99</strong></td>" in page
    assert ticket.code not in page and "Movimenti" not in page
    assert client.get("/portal/packages/movements.csv").status_code == 403
    log_in(client, people.mario)
    page = client.get("/portal/packages/").text
    assert ticket.code in page and "Scarica CSV" in page


def test_csv_export_has_every_movement_of_the_own_company_only(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    open_ticket_for(people.luca, subject="Beta")
    response = login(people.mario).get("/portal/packages/movements.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffData;Movimento;Ticket;Pacchetto;Ticket;Motivo")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + LedgerEntry.objects.filter(company=people.acme).count() == 3
    assert f";Ticket aperto;-1;Pacchetto 100 ticket;{ticket.code};" in text


def test_technician_refunds_from_the_ticket_page(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    client = login(people.anna)
    page = client.get(f"/console/tickets/{ticket.code}/").text
    assert "Acme S.r.l. ha <strong>99</strong> ticket disponibili." in page
    response = client.post(f"/console/tickets/{ticket.code}/refund/", {"reason": "duplicate", "note": "doppio"},
                           follow=True)
    assert "L&#x27;unità del ticket è stata restituita." in response.text
    assert "Unità restituita" in response.text and "100</strong> ticket disponibili" in response.text
    again = client.post(f"/console/tickets/{ticket.code}/refund/", {"reason": "duplicate"})
    assert "già stata restituita" in again.text
    assert ledger.available_units(people.acme) == 100


def test_supervisor_records_purchase_and_adjustment_technicians_cannot(people, login, client):
    product = PackageProduct.objects.create(name="Pacchetto 10 ticket", units=10, validity_months=12)
    url = f"/console/companies/{people.beta.pk}/"
    login(people.anna)
    # Bought a month ago, so still valid whenever the test runs: valid for 12 months, to the day before.
    bought = ledger.today() - relativedelta(months=1)
    assert client.post(url + "purchase/", {"product": product.pk, "purchased_on": f"{bought:%d-%m-%Y}"}
                       ).status_code == 403
    log_in(client, people.silvia)
    response = client.post(url + "purchase/", {"product": product.pk, "purchased_on": f"{bought:%d-%m-%Y}",
                                               "notes": "Fattura 77/2026"}, follow=True)
    until = bought + relativedelta(months=12) - timedelta(days=1)
    assert f"Acquisto registrato: 10 ticket validi fino al {until:%d-%m-%Y}." in response.text
    assert ledger.available_units(people.beta) == 110
    response = client.post(url + "adjustment/", {"units": "-500", "reason": "errore"})
    assert "il saldo non può scendere sotto zero" in response.text
    response = client.post(url + "adjustment/", {"units": "3", "reason": "omaggio"}, follow=True)
    assert "Rettifica registrata." in response.text and ledger.available_units(people.beta) == 113
    response = client.post(url + "purchase/", {"product": product.pk, "purchased_on": "ieri"})
    assert "Inserisci una data valida." in response.text


def test_supervisors_see_companies_running_low_or_expiring(people, login):
    empty_acme(people)
    product = PackageProduct.objects.create(name="Pacchetto 5 ticket", units=5, validity_months=1)
    ledger.record_purchase(company=people.beta, product=product, purchased_on=ledger.today() - timedelta(days=5),
                           by=None)
    page = login(people.silvia).get("/console/packages/attention/").text
    assert "Acme S.r.l." in page and "Beta S.p.A." in page
    assert page.index("Acme S.r.l.") < page.index("Beta S.p.A.")  # emptiest first
