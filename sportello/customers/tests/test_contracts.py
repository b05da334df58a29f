"""Contracts: one list per company in the reserved area and the console, managed by
supervisors with the history discipline of packages, warned about once."""

from datetime import date, timedelta

from django.test import Client
from django.urls import reverse

from sportello.accounts.models import AuditEntry
from sportello.conftest import log_in
from sportello.customers import contracts
from sportello.customers.ledger import today
from sportello.customers.models import Contract, SoftwareProduct
from sportello.outbox.models import OutboundMail
from sportello.phone.models import PhoneContract


def test_states_follow_the_dates_and_the_suspension(people):
    day = date(2026, 11, 28)
    contract = Contract(company=people.acme, kind="maintenance", product=SoftwareProduct.named("Omnia"), valid_from=date(2026, 1, 1),
                        valid_until=date(2026, 12, 31))
    assert contract.state(day) == "active"
    assert contract.state(date(2026, 12, 1)) == "expiring"
    assert contract.state(date(2027, 1, 1)) == "expired"
    assert contract.state(date(2025, 12, 31)) == "future"
    contract.is_suspended = True
    assert contract.state(day) == "suspended"


def test_the_reserved_area_lists_every_contract_of_the_company_and_no_other(people, login):
    contracts.record_contract(company=people.acme, kind="maintenance", product=SoftwareProduct.named("Omnia Accounting"),
                              valid_from=today() - timedelta(days=300), valid_until=today() + timedelta(days=20),
                              reference="M-2026-17", by=people.silvia)
    contracts.record_contract(company=people.beta, kind="licence", product=SoftwareProduct.named("Omnia Payroll"),
                              valid_from=today(), valid_until=today() + timedelta(days=365), by=people.silvia)
    PhoneContract.objects.create(company=people.acme, valid_from=today() - timedelta(days=10),
                                 valid_until=today() + timedelta(days=200))
    page = Client()
    log_in(page, people.giulia)
    text = page.get(reverse("portal:contracts")).content.decode()
    assert "Omnia Accounting" in text and "M-2026-17" in text and "In scadenza entro 30 giorni" in text
    assert "Assistenza telefonica" in text and "Pacchetto 100 ticket" in text
    assert "Omnia Payroll" not in text


def test_supervisors_record_and_suspend_contracts_with_history(people, login):
    silvia = login(people.silvia)
    omnia = SoftwareProduct.named("Omnia")
    refused = silvia.post(reverse("console:record_contract", args=[people.acme.pk]), {
        "kind": "licence", "product": omnia.pk, "valid_from": "31-12-2026", "valid_until": "01-01-2026"})
    assert refused.status_code == 200 and "La fine viene prima" in refused.content.decode()
    silvia.post(reverse("console:record_contract", args=[people.acme.pk]), {
        "kind": "licence", "product": omnia.pk, "valid_from": "01-01-2026", "valid_until": "31-12-2027"})
    contract = Contract.objects.get()
    assert (contract.valid_from, contract.recorded_by) == (date(2026, 1, 1), people.silvia)
    silvia.post(reverse("console:suspend_contract", args=[people.acme.pk, contract.pk]), {"suspended": "1"})
    contract.refresh_from_db()
    assert contract.is_suspended
    details = list(AuditEntry.objects.filter(kind="contract").values_list("detail", flat=True))
    assert len(details) == 2 and "suspended" in details
    # Another company's address for the same contract is a 404; technicians cannot record contracts.
    assert silvia.post(reverse("console:suspend_contract", args=[people.beta.pk, contract.pk])).status_code == 404
    anna = Client()
    log_in(anna, people.anna)
    assert anna.post(reverse("console:record_contract", args=[people.acme.pk]), {}).status_code == 403


def test_an_expiring_contract_warns_administrators_and_supervisors_once(people):
    contracts.record_contract(company=people.acme, kind="maintenance", product=SoftwareProduct.named("Omnia Accounting"),
                              valid_from=today() - timedelta(days=300), valid_until=today() + timedelta(days=10),
                              by=people.silvia)
    contracts.record_contract(company=people.beta, kind="maintenance", product=SoftwareProduct.named("Lontano"),
                              valid_from=today(), valid_until=today() + timedelta(days=200), by=people.silvia)
    assert contracts.warn_expiring_contracts() == 1
    sent = OutboundMail.objects.filter(template="contract_expiring")
    assert sorted(m.to[0] for m in sent) == ["mario@acme.test", "silvia@sportello.test"]
    customer_mail = sent.get(to=["mario@acme.test"])
    assert "/portal/contracts/" in customer_mail.body_text and "Omnia Accounting" in customer_mail.subject
    assert f"/console/companies/{people.acme.pk}/" in sent.get(to=["silvia@sportello.test"]).body_text
    assert contracts.warn_expiring_contracts() == 0
    assert OutboundMail.objects.filter(template="contract_expiring").count() == 2


def test_an_error_while_queueing_a_contract_warning_is_seen_and_tried_again(people):
    from unittest import mock

    import pytest
    from django.db import IntegrityError

    from sportello.customers.models import PackageReminder

    contracts.record_contract(company=people.acme, kind="maintenance", product=SoftwareProduct.named("Omnia Accounting"),
                              valid_from=today() - timedelta(days=300), valid_until=today() + timedelta(days=10),
                              by=people.silvia)
    with mock.patch("sportello.outbox.emails.OutboundMail.objects.create", side_effect=IntegrityError("outbox")), \
            pytest.raises(IntegrityError, match="outbox"):
        contracts.warn_expiring_contracts()
    assert not PackageReminder.objects.exists()
    assert contracts.warn_expiring_contracts() == 1
