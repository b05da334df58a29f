"""A clean file is never reported as held by the antivirus: a virus found, a
scanner that is down and a scanner whose StreamMaxLength is too small are three
different things, and only the first is the customer's business."""

import pytest
from django.core.management import call_command

from sportello.outbox.models import OutboundMail
from sportello.tickets import actions
from sportello.tickets.files import rescan_held_files
from sportello.tickets.models import Attachment
from sportello.tickets.virus_scan import accepts_size

from .test_file_requests import JSON, send

BIG_BACKUP = b"PK\x03\x04" + bytes(range(256)) * 8000   # ~2 MB, above the 1 MB test limit


@pytest.fixture
def asked(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    return actions.request_file(ticket=ticket, by=people.anna, description="Il backup")


def test_the_probe_tells_whether_clamd_takes_our_largest_file(clamd_server, clamd_small_streams):
    assert accepts_size(50 * 1024 * 1024, address=clamd_server) is True
    assert accepts_size(2 * 1024 * 1024, address=clamd_small_streams) is False
    assert accepts_size(512 * 1024, address=clamd_small_streams) is True
    assert accepts_size(1024, address="127.0.0.1:1") is None


def test_a_clean_file_too_large_for_clamd_is_accepted_unscanned_and_the_customer_is_not_alarmed(
        asked, people, login, settings, clamd_small_streams):
    settings.CLAMAV_ADDRESS = clamd_small_streams
    client = login(people.giulia)
    answer = send(client, asked, "backup.zip", BIG_BACKUP).json()
    assert answer["ok"] and not answer["warnings"] and not answer["files"][0]["quarantined"]
    stored = Attachment.objects.get()
    assert stored.scan_state == Attachment.ScanState.TOO_LARGE and not stored.quarantined
    client.post(f"/portal/tickets/{asked.ticket.code}/files/{asked.pk}/done/", **JSON)
    assert "antivirus" not in client.get(f"/portal/tickets/{asked.ticket.code}/").text
    technician = login(people.anna)
    assert technician.get(f"/console/attachments/{stored.pk}/").status_code == 200
    assert "più grande di quanto l&#x27;antivirus accetti" in technician.get(
        f"/console/tickets/{asked.ticket.code}/").text
    assert "più grande di quanto l'antivirus accetti" in OutboundMail.objects.get(
        template="files_received").body_text


def test_supervisors_are_warned_when_clamd_refuses_our_file_limit(people, login, settings, clamd_small_streams,
                                                                   capsys):
    from django.core.cache import cache

    settings.CLAMAV_ADDRESS = clamd_small_streams
    cache.clear()
    page = login(people.silvia).get("/console/").text
    assert "StreamMaxLength" in page
    call_command("check")
    assert "sportello.W001" in capsys.readouterr().err
    cache.clear()
    assert "StreamMaxLength" not in login(people.anna).get("/console/").text   # supervisors only


def test_with_the_scanner_down_files_wait_quietly_and_are_released_when_it_returns(
        asked, people, login, settings, clamd_server):
    settings.CLAMAV_ADDRESS = "127.0.0.1:1"   # nobody listens
    client = login(people.giulia)
    answer = send(client, asked, "log.txt", b"tutto regolare\n").json()
    assert answer["ok"] and not answer["warnings"]
    held = Attachment.objects.get()
    assert held.quarantined and held.scan_state == Attachment.ScanState.PENDING
    assert "in verifica" in client.get(f"/portal/tickets/{asked.ticket.code}/").text
    assert rescan_held_files() == 0   # still down: stays held
    settings.CLAMAV_ADDRESS = clamd_server
    assert rescan_held_files() == 1
    held.refresh_from_db()
    assert not held.quarantined and held.scan_state == Attachment.ScanState.CLEAN
    assert client.get(f"/portal/attachments/{held.pk}/").status_code == 200


def test_a_file_with_a_virus_is_reported_to_the_customer_as_a_virus(asked, people, login, settings, clamd_server):
    from sportello.conftest import EICAR

    settings.CLAMAV_ADDRESS = clamd_server
    client = login(people.giulia)
    answer = send(client, asked, "fattura.txt", EICAR).json()
    assert answer["files"][0]["quarantined"] and "contiene un virus" in answer["warnings"][0]
    infected = Attachment.objects.get()
    assert infected.scan_state == Attachment.ScanState.INFECTED
    assert client.get(f"/portal/attachments/{infected.pk}/").status_code == 404


def test_the_customer_downloads_the_files_she_sent(asked, people, login):
    client = login(people.giulia)
    send(client, asked, "registro.csv", b"data;importo\n01-11-2026;100\n")
    client.post(f"/portal/tickets/{asked.ticket.code}/files/{asked.pk}/done/", **JSON)
    page = client.get(f"/portal/tickets/{asked.ticket.code}/").text
    sent = Attachment.objects.get()
    assert "File che ha inviato" in page and f"/portal/attachments/{sent.pk}/" in page
    assert client.get(f"/portal/attachments/{sent.pk}/").getvalue() == b"data;importo\n01-11-2026;100\n"
    assert login(people.luca).get(f"/portal/attachments/{sent.pk}/").status_code == 404


@pytest.mark.parametrize(("name", "expected"), [
    ("fattura\x1b[31m.pdf", "fattura[31m.pdf"), ("a\x07b\x00c.txt", "abc.txt"),
    ("x" * 300 + ".pdf", "troppo lungo (304 caratteri; al massimo 255)"),
])
def test_refusals_never_echo_control_characters_and_say_when_a_name_is_too_long(asked, people, login, name,
                                                                                 expected):
    client = login(people.giulia)
    answer = send(client, asked, "x.txt", b"dati", declared=name)
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert expected in errors[0]
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in errors[0])
