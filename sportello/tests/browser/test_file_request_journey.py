"""The seed's file request, end to end in Chromium."""

import hashlib

import pytest
from playwright.sync_api import expect

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_technician_asks_customer_uploads_technician_downloads_the_same_bytes(
        people, live_server, browser, open_ticket_for, screenshot, tmp_path):
    ticket = open_ticket_for(people.giulia, subject="Il backup non si apre")
    backup = tmp_path / "backup-contabilita.zip"
    backup.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 20_000)  # about 5 MB

    technician = browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tech = technician.new_page()
    log_in(tech, live_server.url, people.anna.email)
    tech.goto(f"{live_server.url}/console/tickets/{ticket.code}/")
    tech.get_by_role("button", name="Prendi in carico").click()
    tech.get_by_role("link", name="Richiedi file").click()   # the toolbar opens the panel, cursor in it
    expect(tech.get_by_label("Quale file, e perché")).to_be_focused()
    tech.get_by_label("Quale file, e perché").fill("Il file di backup della contabilità (.zip) che non si apre.")
    tech.locator("#file-request").get_by_role("button", name="Richiedi file").click()
    expect(tech.get_by_text("File richiesto: il cliente ha ricevuto il link")).to_be_visible()
    expect(tech.locator(".head-actions .badge")).to_have_text("In attesa del cliente")

    customer = browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 900}).new_page()
    log_in(customer, live_server.url, people.giulia.email)
    customer.goto(f"{live_server.url}/portal/tickets/{ticket.code}/")
    customer.get_by_role("link", name="Invia il file").click()
    expect(customer.get_by_text("Il file di backup della contabilità")).to_be_visible()
    expect(customer.locator("form.uploader.js")).to_be_attached()  # the upload script is listening
    # Files leave as soon as they are chosen: no "Invia" button to contradict a running upload.
    expect(customer.get_by_role("button", name="Invia", exact=True)).to_have_count(0)
    expect(customer.get_by_text("ciascuno viene inviato subito")).to_be_visible()
    customer.locator("input[type=file]").set_input_files(str(backup))
    progress = customer.locator(".upload-item progress")
    expect(progress).to_be_visible()
    expect(customer.locator(".upload-item .upload-state")).to_have_text("Inviato", timeout=20_000)
    expect(progress).to_have_attribute("value", "100")
    expect(customer.get_by_text("Grazie: i file sono stati inviati al tecnico.")).to_be_visible()
    screenshot(customer, "12-portal-upload")

    tech.reload()
    expect(tech.locator(".head-actions .badge")).to_have_text("In lavorazione")
    with tech.expect_download() as download_info:
        tech.get_by_role("link", name="backup-contabilita.zip").first.click()
    downloaded = download_info.value.path().read_bytes()
    assert hashlib.sha256(downloaded).hexdigest() == hashlib.sha256(backup.read_bytes()).hexdigest()
    screenshot(tech, "13-console-file-received")
