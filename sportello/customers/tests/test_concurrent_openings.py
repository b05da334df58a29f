"""50 customers press "Invia" at the same moment against a balance of 10."""

import pytest
from django.db.models import Sum
from django.test import Client

from sportello.customers import ledger
from sportello.customers.models import Company, Contact, LedgerEntry, PackageProduct
from sportello.testing import run_together
from sportello.tickets.models import RequestType, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_openings_against_ten_units_give_exactly_ten_tickets(defaults, settings):
    from sportello.accounts.models import User

    company = Company.objects.create(name="Delta S.r.l.", vat_number="01234560157", customer_code="C0009")
    product = PackageProduct.objects.create(name="Pacchetto 10 ticket", units=10)
    ledger.record_purchase(company=company, product=product, purchased_on=ledger.today(), by=None)
    request_type = RequestType.objects.get(name="Installazione")
    clients = []
    for n in range(50):
        user = User.objects.create_user(f"utente{n}@delta.test", "x", full_name=f"Utente {n}")
        Contact.objects.create(user=user, company=company, phone="02 1234 5678")
        client = Client()
        client.force_login(user)
        clients.append((n, client))

    def customer(n, client):
        return client.post("/portal/tickets/new/", {
            "request_type": request_type.pk, "requester_name": f"Utente {n}", "callback_phone": "02 1234 5678",
            "answer_email": f"utente{n}@delta.test", "subject": f"Richiesta numero {n}",
            "description": "Testo scritto con cura dal cliente numero %d." % n})

    pages = dict(enumerate(run_together([lambda n=n, c=c: customer(n, c) for n, c in clients], timeout=120)))

    opened = [n for n, r in pages.items() if r.status_code == 302]
    refused = [n for n, r in pages.items() if r.status_code == 200]
    assert len(opened) == 10 and len(refused) == 40
    assert Ticket.objects.filter(company=company).count() == 10
    assert ledger.available_units(company) == 0
    assert LedgerEntry.objects.filter(company=company).aggregate(n=Sum("units"))["n"] == 0
    assert not LedgerEntry.objects.filter(company=company, kind="consume").exclude(units=-1).exists()
    for n in refused:
        page = pages[n].content.decode()
        assert "non ha più ticket disponibili" in page
        assert f"Testo scritto con cura dal cliente numero {n}." in page  # nothing typed is lost
