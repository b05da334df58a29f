"""Downloads in the reserved area and releases in the console, in Chromium under our
CSP: the update notice, a real download whose bytes match the checksum shown, and a
phone-sized page without sideways scrolling."""

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sportello.customers import contracts
from sportello.customers.ledger import today
from sportello.customers.models import SoftwareProduct
from sportello.releases import publishing
from sportello.releases.tests.conftest import make_release

from .helpers import log_in
from .test_content_security_policy import assert_clean, watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTES = ("## Novità\n\n- **Fattura elettronica**: nuovi codici di natura IVA 2027\n- Esportazione del bilancio "
         "in XBRL più veloce\n\n## Correzioni\n\n- La stampa dei registri non si interrompe più")


@pytest.fixture
def omnia(people):
    product = SoftwareProduct.named("Omnia Contabilità")
    contracts.record_contract(company=people.acme, kind="maintenance", product=product,
                              valid_from=today() - timedelta(days=200), valid_until=today() + timedelta(days=165),
                              by=people.silvia)
    make_release(product, "4.5", by=people.silvia, notes="- Liquidazione IVA trimestrale")
    make_release(product, "4.6", by=people.silvia, recommended=True, notes=NOTES,
                 files=[("omnia-4.6-setup.zip", b"PK\x03\x04" + b"omnia" * 5000),
                        ("omnia-4.6-manuale.pdf", b"%PDF-1.4 manuale")])
    publishing.record_installed_version(company=people.acme, product=product, version="4.5", by=people.mario)
    return product


def test_a_customer_sees_the_update_and_downloads_it(people, omnia, live_server, browser, screenshot):
    page, messages = watched(browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 900},
                                                 accept_downloads=True))
    log_in(page, live_server.url, people.mario.email)
    expect(page.get_by_text("Omnia Contabilità — Aggiornamento disponibile: 4.6 (installata: 4.5)")).to_be_visible()
    page.get_by_role("link", name="Download", exact=True).click()
    assert_clean(page, messages, page.url)
    expect(page.get_by_role("heading", name="Versione 4.6")).to_contain_text("Consigliata")
    expect(page.get_by_role("heading", name="Novità")).to_be_visible()
    screenshot(page, "28-portal-downloads")
    with page.expect_download() as waiting:
        page.get_by_role("link", name="omnia-4.6-setup.zip").click()
    data = Path(waiting.value.path()).read_bytes()
    expect(page.get_by_role("row", name="omnia-4.6-setup.zip")).to_contain_text(hashlib.sha256(data).hexdigest())
    page.get_by_label("Versione installata").fill("4.6")
    page.get_by_role("button", name="Salva Omnia Contabilità").click()
    expect(page.get_by_text("Versione installata registrata: Omnia Contabilità 4.6.")).to_be_visible()
    expect(page.get_by_text("Aggiornamento disponibile")).to_have_count(0)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_supervisor_publishes_a_release_from_the_console(people, omnia, live_server, browser, screenshot,
                                                           tmp_path):
    installer = tmp_path / "omnia-4.7-setup.zip"
    installer.write_bytes(b"PK\x03\x04" + b"4.7" * 100_000)
    page, messages = watched(browser.new_context(locale="it-IT", viewport={"width": 1366, "height": 900}))
    log_in(page, live_server.url, people.silvia.email)
    page.get_by_role("link", name="Versioni", exact=True).click()
    assert_clean(page, messages, page.url)
    page.get_by_role("textbox", name="Versione", exact=True).fill("4.7")
    page.get_by_label("Note di rilascio").fill("- Nuovo **cruscotto** IVA")
    page.get_by_label("File", exact=True).set_input_files(str(installer))
    page.get_by_role("button", name="Salva versione").click()
    expect(page.get_by_role("heading", name="Omnia Contabilità 4.7")).to_contain_text("Pubblicata")
    expect(page.get_by_role("row", name="omnia-4.7-setup.zip")).to_contain_text(
        hashlib.sha256(installer.read_bytes()).hexdigest())
    assert_clean(page, messages, page.url)
    screenshot(page, "29-console-release")
