"""A worker keeps its connection to the mail server from one message to the next (a
relay's TLS handshake and login are paid once), and never loses a message to a
connection the server dropped meanwhile. Against a real SMTP server (aiosmtpd)."""

from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from sportello.outbox import mailer
from sportello.outbox.delivery import deliver
from sportello.outbox.models import OutboundMail
from sportello.testing import free_port


class Server:
    """An SMTP server on 127.0.0.1 that remembers which connection brought each message."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.received = []   # (client address of the connection, subject)
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        self.received.append((session.peer, message_from_bytes(envelope.content)["Subject"]))
        return "250 OK"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def connections(self):
        return len({peer for peer, _ in self.received})

    def settings(self):
        return {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                            "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 5}}}


@pytest.fixture
def server():
    mailer.close()
    running = Server().start()
    with override_settings(MAILERS=running.settings()):
        yield running
    mailer.close()
    running.stop()


def queued(people, open_ticket_for, count):
    for n in range(count):
        open_ticket_for(people.giulia, subject=f"Richiesta {n}")
    return list(OutboundMail.objects.order_by("pk").values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_messages_one_after_another_share_one_connection(people, open_ticket_for, server):
    for pk in queued(people, open_ticket_for, 4):
        assert deliver(pk) == OutboundMail.State.SENT
    assert len(server.received) == 4 and server.connections == 1


@pytest.mark.django_db(transaction=True)
def test_a_connection_idle_too_long_is_replaced(people, open_ticket_for, server, monkeypatch):
    monkeypatch.setattr(mailer, "IDLE_SECONDS", -1)
    for pk in queued(people, open_ticket_for, 3):
        deliver(pk)
    assert len(server.received) == 3 and server.connections == 3


@pytest.mark.django_db(transaction=True)
def test_a_server_restarted_between_two_messages_gets_the_second_on_a_new_connection(
        people, open_ticket_for, server, monkeypatch):
    first, second = queued(people, open_ticket_for, 2)
    assert deliver(first) == OutboundMail.State.SENT
    server.stop()   # the relay restarts while the worker's connection is idle
    server.start()
    monkeypatch.setattr(mailer, "CHECK_AFTER_SECONDS", -1)   # idle long enough to be checked
    assert deliver(second) == OutboundMail.State.SENT
    assert [subject for _, subject in server.received][-1].endswith("Richiesta 1")
    assert OutboundMail.objects.get(pk=second).attempts == 1   # no failed attempt on the dead connection


@pytest.mark.django_db(transaction=True)
def test_after_a_failure_the_next_message_starts_on_a_fresh_connection(people, open_ticket_for, server):
    first, second = queued(people, open_ticket_for, 2)
    server.stop()
    assert deliver(first) == OutboundMail.State.PENDING   # the server is gone: retried later
    server.start()
    assert deliver(second) == OutboundMail.State.SENT


@pytest.mark.django_db(transaction=True)
def test_another_configured_server_is_used_at_once(people, open_ticket_for, server):
    first, second = queued(people, open_ticket_for, 2)
    deliver(first)
    other = Server().start()
    try:
        with override_settings(MAILERS=other.settings()):
            deliver(second)
    finally:
        mailer.close()
        other.stop()
    assert len(server.received) == 1 and len(other.received) == 1
