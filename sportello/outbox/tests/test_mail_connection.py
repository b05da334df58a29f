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


@pytest.mark.django_db(transaction=True)
def test_once_the_server_has_a_mail_the_very_next_thing_is_the_write_that_says_so(
        people, open_ticket_for, server, monkeypatch):
    """A worker that dies between the server's acceptance and the commit marking the row
    sent leaves it `sending`, and the worker taking over sends it again: the load test's
    SIGKILL once fell there. So that instant holds one statement written beforehand, no
    query built by the ORM; on PostgreSQL it does not wait for the disk flush. A mail that
    failed before ends sent, with its error cleared."""
    from django.db import connection
    from django.db.models.sql import compiler
    from django.utils import timezone

    events = []
    original = server.handle_DATA

    async def accepting(smtp, session, envelope):
        reply = await original(smtp, session, envelope)
        events.append("accepted")
        return reply

    for name in ("SQLCompiler", "SQLUpdateCompiler"):
        compiler_class = getattr(compiler, name)
        monkeypatch.setattr(compiler_class, "as_sql", lambda self, *args, _as_sql=compiler_class.as_sql, **kwargs: (
            events.append("built"), _as_sql(self, *args, **kwargs))[1])
    server.handle_DATA = accepting
    [pk] = queued(people, open_ticket_for, 1)
    OutboundMail.objects.filter(pk=pk).update(attempts=1, last_error="SMTPServerDisconnected: prima")

    def recording(execute, sql, params, many, context):
        events.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(recording):
        assert deliver(pk) == OutboundMail.State.SENT
    first = events[events.index("accepted") + 1]
    assert first.startswith(("UPDATE", "WITH")) and "sent_at" in first
    assert ("synchronous_commit" in first) == (connection.vendor == "postgresql")
    mail = OutboundMail.objects.get(pk=pk)
    assert (mail.state, mail.attempts, mail.last_error) == (OutboundMail.State.SENT, 2, "")
    assert abs(timezone.now() - mail.sent_at).total_seconds() < 60
    assert len(server.received) == 1
