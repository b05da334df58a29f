"""Downloads stream from storage with range requests (a dropped download resumes
from the middle), on the local folder and on S3-compatible storage, and each one is
logged with the bytes that really left."""

import http.client
import os
import socket
import time
import tracemalloc

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from sportello.conftest import log_in
from sportello.releases.models import Download, ReleaseFile

from .conftest import make_release

DATA = os.urandom(700_000)   # several chunks, not a round number


@pytest.fixture
def installer(people, catalogue, file_storage):
    release = make_release(catalogue.omnia, "4.6", by=people.silvia, files=[("omnia-4.6-setup.zip", DATA)])
    return release.files.get()


@pytest.fixture
def mario(people):
    client = Client()
    log_in(client, people.mario)
    return client


def fetch(client, release_file, method="get", **headers):
    url = reverse("portal:download", args=[release_file.pk, release_file.name])
    response = getattr(client, method)(url, headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_a_whole_download_with_its_headers(people, mario, installer):
    response, body = fetch(mario, installer)
    assert response.status_code == 200 and body == DATA
    assert response["Content-Length"] == str(len(DATA)) and response["Accept-Ranges"] == "bytes"
    assert response["ETag"] == f'"{installer.sha256}"'
    assert response["Content-Disposition"] == 'attachment; filename="omnia-4.6-setup.zip"'
    assert response["Content-Type"] == "application/octet-stream"
    download = Download.objects.get()
    assert (download.user, download.company, download.first_byte, download.bytes_sent) == (
        people.mario, people.acme, 0, len(DATA))
    assert download.complete and download.finished_at is not None


@pytest.mark.parametrize("header, first, last", [
    ("bytes=300000-", 300_000, len(DATA) - 1),            # resume after a dropped connection
    ("bytes=1000-1999", 1000, 1999),
    ("bytes=-500", len(DATA) - 500, len(DATA) - 1),        # the last 500 bytes
    ("bytes=699000-9999999", 699_000, len(DATA) - 1),      # past the end: up to the end
])
def test_ranges_answer_206_with_exactly_those_bytes(mario, installer, header, first, last):
    response, body = fetch(mario, installer, Range=header)
    assert response.status_code == 206
    assert body == DATA[first:last + 1]
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(DATA)}"
    assert response["Content-Length"] == str(last - first + 1)
    download = Download.objects.get()
    assert (download.first_byte, download.bytes_requested, download.bytes_sent) == (first, last - first + 1,
                                                                                  last - first + 1)


def test_a_resumed_download_puts_the_file_back_together(mario, installer):
    _, start = fetch(mario, installer, Range="bytes=0-123455")
    _, rest = fetch(mario, installer, Range=f"bytes={len(start)}-", **{"If-Range": f'"{installer.sha256}"'})
    assert start + rest == DATA
    assert ReleaseFile.objects.get(pk=installer.pk).download_count == 1   # one download, resumed once


def test_a_range_past_the_end_is_416_with_the_size(mario, installer):
    response, _ = fetch(mario, installer, Range=f"bytes={len(DATA)}-")
    assert response.status_code == 416 and response["Content-Range"] == f"bytes */{len(DATA)}"
    assert not Download.objects.exists()


@pytest.mark.parametrize("headers", [
    {"Range": "bytes=0-10", "If-Range": '"another-file"'},    # the file changed: send it whole
    {"Range": "bytes=0-10,20-30"},                           # several ranges: we send the whole file
    {"Range": "lines=1-2"}, {"Range": "bytes=20-10"}, {"Range": "bytes=abc"},
])
def test_ranges_we_do_not_serve_give_the_whole_file(mario, installer, headers):
    response, body = fetch(mario, installer, **headers)
    assert response.status_code == 200 and body == DATA


def test_head_tells_the_size_without_a_download(mario, installer):
    response, body = fetch(mario, installer, method="head")
    assert response.status_code == 200 and response["Content-Length"] == str(len(DATA)) and body == b""
    assert not Download.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_dropped_connection_is_logged_with_what_left(people, catalogue, live_server):
    """A real server and a client that hangs up after the first megabyte."""
    big = os.urandom(24 * 1024 * 1024)
    installer = make_release(catalogue.omnia, "4.6", by=people.silvia, files=[("big.zip", big)]).files.get()
    client = Client()
    log_in(client, people.mario)
    host, port = live_server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", reverse("portal:download", args=[installer.pk, installer.name]),
                       headers={"Cookie": f"sessionid={client.cookies['sessionid'].value}"})
    response = connection.getresponse()
    assert response.status == 200 and response.read(1024 * 1024) == big[:1024 * 1024]
    connection.sock.shutdown(socket.SHUT_RDWR)
    connection.close()
    for _ in range(100):   # the server notices when its next write fails
        download = Download.objects.get()
        if download.finished_at:
            break
        time.sleep(0.1)
    assert download.finished_at and 1024 * 1024 <= download.bytes_sent < len(big) and not download.complete


def test_the_console_lists_who_downloaded_what(people, mario, installer, login):
    fetch(mario, installer, Range="bytes=100-")
    page = login(people.anna).get(reverse("console:download_log")).content.decode()
    assert "Acme S.r.l." in page and "omnia-4.6-setup.zip" in page and "Mario Rossi" in page


def test_a_1_gb_file_streams_without_the_memory_growing(people, catalogue, mario):
    """A sparse 1 GB file in the local folder: the download holds a few chunks at a time."""
    from django.core.files.storage import default_storage

    release = make_release(catalogue.omnia, "5.0", by=people.silvia)
    name = default_storage.save("releases/test/big.iso", ContentFile(b"x"))
    size = 1024 ** 3
    with open(default_storage.path(name), "r+b") as sparse:
        sparse.truncate(size)
    big = ReleaseFile.objects.create(release=release, name="big.iso", file=name, size=size, sha256="0" * 64)
    response = mario.get(reverse("portal:download", args=[big.pk, big.name]))
    tracemalloc.start()
    try:
        received = sum(len(chunk) for chunk in response.streaming_content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        default_storage.delete(name)
    assert received == size
    assert peak < 4 * 1024 * 1024, f"{peak / 1024 / 1024:.1f} MB held while streaming 1 GB"
    assert Download.objects.get(file=big).bytes_sent == size
