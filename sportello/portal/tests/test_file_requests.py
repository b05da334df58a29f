"""The technician asks for a file; the customer uploads it; the technician gets the
same bytes. Every refusal is explained and leaves nothing behind."""

import hashlib

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from sportello.conftest import log_in
from sportello.outbox.models import OutboundMail
from sportello.tickets import actions
from sportello.tickets.models import Attachment, FileRequest, Ticket

BACKUP = b"PK\x03\x04" + bytes(range(256)) * 400  # looks like a ZIP archive, ~100 KB
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def asked(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    return actions.request_file(ticket=ticket, by=people.anna, description="Il backup del database (file .zip)")


def send(client, file_request, name, data, *, declared=None):
    url = f"/portal/tickets/{file_request.ticket.code}/files/{file_request.pk}/send/"
    payload = {"files": SimpleUploadedFile(name, data)}
    if declared is not None:
        payload["name"] = declared
    return client.post(url, payload, **JSON)


@pytest.fixture(autouse=True)
def each_storage(file_storage):
    """Every test here runs on the local folder and on S3-compatible storage."""


def stored_files(folder="attachments"):
    """What the storage holds under `folder`, whichever storage it is."""
    from django.core.files.storage import default_storage

    if not default_storage.exists(folder) and file_storage_is_local():
        return []
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    return [f"{folder}/{name}" for name in files] + [item for sub in folders for item in stored_files(f"{folder}/{sub}")]


def file_storage_is_local():
    return "FileSystemStorage" in django_settings.STORAGES["default"]["BACKEND"]


def test_asking_for_a_file_pauses_the_ticket_and_mails_the_link(asked, people):
    ticket = Ticket.objects.get(pk=asked.ticket_id)
    assert ticket.status == Ticket.Status.WAITING and not ticket.response_pending
    mail = OutboundMail.objects.get(template="file_requested")
    assert mail.to == [people.giulia.email]
    assert f"/portal/tickets/{ticket.code}/files/{asked.pk}/" in mail.body_text
    assert "Il backup del database" in mail.body_text
    assert ticket.events.filter(kind="file_requested").exists()


def test_upload_then_the_technician_downloads_the_same_bytes(asked, people, login, client, file_storage):
    from django.core.files.storage import default_storage

    assert default_storage.__class__.__name__ == {"local": "FileSystemStorage", "s3": "S3Storage"}[file_storage]
    client = login(people.giulia)
    assert "Il backup del database" in client.get(f"/portal/tickets/{asked.ticket.code}/files/{asked.pk}/").text
    response = send(client, asked, "backup.zip", BACKUP)
    assert response.status_code == 200 and response.json()["ok"]
    assert response.json()["files"][0]["sha256"] == hashlib.sha256(BACKUP).hexdigest()
    done = client.post(f"/portal/tickets/{asked.ticket.code}/files/{asked.pk}/done/", **JSON).json()
    assert done["completed"] is True
    asked.refresh_from_db()
    ticket = Ticket.objects.get(pk=asked.ticket_id)
    assert asked.state == FileRequest.State.FULFILLED and ticket.status == Ticket.Status.OPEN
    assert OutboundMail.objects.filter(template="files_received", to=[people.anna.email]).count() == 1
    attachment = Attachment.objects.get()
    assert stored_files() == [attachment.file.name]  # in the configured storage, local folder or S3 bucket
    log_in(client, people.anna)
    download = client.get(f"/console/attachments/{attachment.pk}/")
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == attachment.sha256 == hashlib.sha256(BACKUP).hexdigest()
    assert download["Content-Disposition"] == 'attachment; filename="backup.zip"'
    # A second "done" reports nothing new and does not notify again.
    log_in(client, people.giulia)
    assert client.post(f"/portal/tickets/{ticket.code}/files/{asked.pk}/done/", **JSON).json()["completed"] is False


@pytest.mark.parametrize(("name", "data", "declared", "message"), [
    ("fattura.pdf", b"MZ\x90\x00\x03" + b"\x00" * 300 + b"This program cannot be run in DOS mode", None,
     "è un programma o uno script"),
    ("avvio.bat", b"@echo off\r\ndel C:\\*.*\r\n", None, "è un programma o uno script"),
    ("passwd", b"root:x:0:0", "../../etc/passwd", "non può essere usato per un file"),
    ("con.txt", b"ciao", None, "non può essere usato per un file"),
    ("vuoto.txt", b"", None, "è vuoto"),
])
def test_refusals_are_explained_and_leave_nothing_behind(asked, people, login, name, data, declared, message):
    response = send(login(people.giulia), asked, name, data, declared=declared)
    assert response.status_code == 400 and not response.json()["ok"]
    assert message in " ".join(response.json()["errors"])
    assert not Attachment.objects.exists() and stored_files() == []


def test_oversize_is_refused_while_streaming(asked, people, login, settings):
    settings.SPORTELLO_MAX_FILE_MB = 1
    response = send(login(people.giulia), asked, "grande.zip", b"PK\x03\x04" + b"x" * (2 * 1024 * 1024))
    assert response.status_code == 400
    assert response.json()["errors"] == ["“grande.zip” è troppo grande: il limite è 1,0\xa0MB per file."]
    assert not Attachment.objects.exists() and stored_files() == []


def test_per_ticket_total_is_enforced(asked, people, login, settings):
    settings.SPORTELLO_MAX_TICKET_MB = 1
    client = login(people.giulia)
    assert send(client, asked, "uno.zip", b"PK\x03\x04" + b"a" * 700_000).status_code == 200
    response = send(client, asked, "due.zip", b"PK\x03\x04" + b"b" * 700_000)
    assert response.status_code == 400 and "non ci sta" in response.json()["errors"][0]
    assert Attachment.objects.count() == 1


def test_another_company_cannot_see_upload_or_download(asked, people, login):
    giulia = login(people.giulia)
    send(giulia, asked, "backup.zip", BACKUP)
    attachment = Attachment.objects.get()
    luca = login(people.luca)
    base = f"/portal/tickets/{asked.ticket.code}/files/{asked.pk}/"
    assert luca.get(base).status_code == 404
    assert send(luca, asked, "intruso.zip", BACKUP).status_code == 404
    assert luca.post(base + "done/").status_code == 404
    assert luca.get(f"/portal/attachments/{attachment.pk}/").status_code == 404
    assert Attachment.objects.count() == 1


def test_technicians_and_customers_attach_files_to_messages(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    client = login(people.anna)
    response = client.post(f"/console/tickets/{ticket.code}/reply/", {
        "body": "Ecco la guida", "then_status": "waiting",
        "files": [SimpleUploadedFile("guida.pdf", b"%PDF-1.4\n%guida\n")]})
    assert response.status_code == 302
    guide = Attachment.objects.get()
    assert guide.message.body == "Ecco la guida" and guide.content_type == "application/pdf"
    refused = client.post(f"/console/tickets/{ticket.code}/note/", {
        "body": "nota con script", "files": [SimpleUploadedFile("x.sh", b"#!/bin/sh\nrm -rf /\n")]})
    assert "è un programma o uno script" in refused.text and "nota con script" in refused.text
    assert not ticket.messages.filter(body="nota con script").exists()
    giulia = login(people.giulia)
    assert "guida.pdf" in giulia.get(f"/portal/tickets/{ticket.code}/").text
    giulia.post(f"/portal/tickets/{ticket.code}/reply/", {
        "body": "Ecco il log", "files": [SimpleUploadedFile("errori.log", b"ERRORE 1042\n")]})
    assert Attachment.objects.filter(original_name="errori.log", uploaded_by=people.giulia).exists()


def test_an_infected_file_is_quarantined_and_both_sides_are_told(asked, people, login, settings, clamd_server):
    from sportello.conftest import EICAR

    settings.CLAMAV_ADDRESS = clamd_server
    client = login(people.giulia)
    clean = send(client, asked, "log.txt", b"tutto regolare\n").json()
    assert clean["ok"] and not clean["files"][0]["quarantined"]
    answer = send(client, asked, "fattura.txt", EICAR).json()
    assert answer["ok"] and answer["files"][0]["quarantined"]
    assert "contiene un virus" in answer["warnings"][0]
    infected = Attachment.objects.get(original_name="fattura.txt")
    assert infected.quarantined and "eicar" in infected.scan_result.lower()
    client.post(f"/portal/tickets/{asked.ticket.code}/files/{asked.pk}/done/", **JSON)
    notice = OutboundMail.objects.get(template="files_received")
    assert "fattura.txt" in notice.body_text and notice.body_text.count("Virus trovato") == 1
    log_in(client, people.anna)
    assert client.get(f"/console/attachments/{infected.pk}/").status_code == 404  # never handed out
    assert "Virus trovato: eicar" in client.get(f"/console/tickets/{asked.ticket.code}/").text
