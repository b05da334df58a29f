"""The ticket pages read the ticket's files once and show each where it belongs: those
sent with the opening e-mail at the top, a message's under it, and a requested file
under its request and on the "file received" line (the console) or among the files sent
(the reserved area, which never offers a quarantined file)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sportello.tickets import actions
from sportello.tickets.files import store_bytes
from sportello.tickets.models import Attachment


@pytest.fixture(autouse=True)
def local_files(file_storage):
    """Files in a temporary folder."""


@pytest.fixture
def ticket_with_files(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    store_bytes(ticket=ticket, name="apertura.pdf", data=b"%PDF-1.4\n%apertura\n")
    held = store_bytes(ticket=ticket, name="sospetto.pdf", data=b"%PDF-1.4\n%sospetto\n")
    Attachment.objects.filter(pk=held.pk).update(quarantined=True, scan_state="pending")
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    reply = actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Ecco il log")
    store_bytes(ticket=ticket, message=reply, name="errori.log", data=b"ERRORE 1042\n")
    asked = actions.request_file(ticket=ticket, by=people.anna, description="Il backup")
    response = login(people.giulia).post(f"/portal/tickets/{ticket.code}/files/{asked.pk}/send/",
                                         {"files": SimpleUploadedFile("backup.zip", b"PK\x03\x04" + bytes(500))},
                                         HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    actions.complete_file_request(file_request=asked, by=people.giulia)
    return ticket


def _page(client, url):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).text
    assert sum('FROM "tickets_attachment"' in query["sql"] for query in queries) == 1
    return page


def test_the_console_shows_each_file_in_its_place_from_one_read(ticket_with_files, people, login):
    ticket = ticket_with_files
    page = _page(login(people.anna), f"/console/tickets/{ticket.code}/")
    opening, conversation = page.index("apertura.pdf"), page.index("Ecco il log")
    assert opening < conversation < page.index("errori.log")
    assert page.count("apertura.pdf") == 1 and page.count("errori.log") == 1
    # The requested file: a link on its request (with its checksum) and on the "file received" line.
    assert page.count("download>backup.zip</a>") == 2
    assert re.search(r"download>backup\.zip</a> <span class=\"muted\">[^<]*SHA-256", page)


def test_the_reserved_area_shows_each_file_in_its_place_from_one_read(ticket_with_files, people, login):
    page = _page(login(people.giulia), f"/portal/tickets/{ticket_with_files.code}/")
    assert page.index("apertura.pdf") < page.index("Ecco il log") < page.index("errori.log")
    assert "sospetto.pdf" not in page and page.count("download>backup.zip</a>") == 1
