"""The reserved area's contracts page, on a laptop and a phone, under our CSP."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from sportello.customers import contracts
from sportello.customers.ledger import today
from sportello.customers.models import SoftwareProduct
from sportello.phone.models import PhoneContract

from .helpers import log_in
from .test_content_security_policy import assert_clean, watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_customer_reads_every_contract_of_the_company(people, live_server, browser, screenshot):
    contracts.record_contract(company=people.acme, kind="maintenance", product=SoftwareProduct.named("Omnia Contabilità"),
                              valid_from=today() - timedelta(days=340), valid_until=today() + timedelta(days=25),
                              reference="M-2026-17", by=people.silvia)
    contracts.record_contract(company=people.acme, kind="licence", product=SoftwareProduct.named("Omnia Paghe"),
                              valid_from=today() - timedelta(days=30), valid_until=today() + timedelta(days=700),
                              by=people.silvia)
    PhoneContract.objects.create(company=people.acme, valid_from=today() - timedelta(days=10),
                                 valid_until=today() + timedelta(days=355))
    page, messages = watched(browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 800}))
    log_in(page, live_server.url, people.mario.email)
    page.get_by_role("link", name="Contratti").click()
    assert_clean(page, messages, page.url)
    expect(page.get_by_role("heading", name="I Suoi contratti")).to_be_visible()
    expect(page.get_by_role("row", name="Manutenzione software M-2026-17").get_by_text(
        "In scadenza entro 30 giorni")).to_be_visible()
    expect(page.get_by_role("cell", name="Codice di assistenza")).to_contain_text("-")
    screenshot(page, "27-portal-contracts")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
