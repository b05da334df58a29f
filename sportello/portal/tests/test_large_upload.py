"""A large upload streams to storage with bounded memory: a 256 MB file sent over a
real socket to the live server costs the process a few MB, not 256."""

import hashlib
import http.client
import secrets
import tracemalloc
from urllib.parse import urlparse

import pytest
from django.test import Client

from sportello.tickets import actions
from sportello.tickets.models import Attachment

pytestmark = pytest.mark.django_db(transaction=True)
SIZE = 256 * 1024 * 1024
CHUNK = b"PK\x03\x04" + b"\x00" * (1024 * 1024 - 4)  # 1 MiB; the first one makes it look like a ZIP


def test_a_256_mb_upload_keeps_memory_bounded(people, open_ticket_for, live_server, settings):
    settings.SPORTELLO_MAX_FILE_MB = 300
    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    file_request = actions.request_file(ticket=ticket, by=people.anna, description="Backup completo")
    browser = Client()
    browser.force_login(people.giulia)
    session = browser.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = secrets.token_hex(16)

    boundary = "sportello-" + secrets.token_hex(8)
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbackup.zip\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"backup.zip\"\r\n"
            f"Content-Type: application/zip\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    expected = hashlib.sha256()

    def body():
        yield head
        for _ in range(SIZE // len(CHUNK)):
            expected.update(CHUNK)
            yield CHUNK
        yield tail

    address = urlparse(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=300)
    tracemalloc.start()
    try:
        connection.request("POST", f"/portal/tickets/{ticket.code}/files/{file_request.pk}/send/", body=body(),
                           headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                                    "Content-Length": str(len(head) + SIZE + len(tail)),
                                    "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={csrf}",
                                    "X-CSRFToken": csrf, "Accept": "application/json",
                                    "Referer": live_server.url})
        response = connection.getresponse()
        answer = response.read()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        connection.close()
    assert response.status == 200, answer[:500]
    attachment = Attachment.objects.get()
    assert attachment.size == SIZE and attachment.sha256 == expected.hexdigest()
    assert peak < 32 * 1024 * 1024, f"peak Python memory {peak / 1e6:.0f} MB for a {SIZE / 1e6:.0f} MB upload"
