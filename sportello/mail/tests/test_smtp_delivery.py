"""Outgoing mail travels from the outbox, through the worker, to a real SMTP
server (aiosmtpd) listening on 127.0.0.1."""

import time
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings

from sportello.outbox.delivery import RETRY_DELAYS, deliver
from sportello.outbox.models import OutboundMail
from sportello.testing import free_port, run_together
from sportello.tickets import actions


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=default_policy)))
        return "250 OK"


def smtp_settings(port):
    return {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5}}}


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(MAILERS=smtp_settings(port)):
        yield inbox
    controller.stop()


def run_worker_batch():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_public_reply_reaches_the_smtp_server_from_the_worker(people, open_ticket_for, smtp_server):
    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Buongiorno, ecco la soluzione.")
    assert smtp_server.messages == []  # nothing leaves before the worker runs
    run_worker_batch()
    assert len(smtp_server.messages) == 2
    by_template = {m.template: m for m in OutboundMail.objects.all()}
    assert all(m.state == OutboundMail.State.SENT for m in by_template.values())
    recipients, reply = next((r, m) for r, m in smtp_server.messages if "Re:" in m["Subject"])
    assert recipients == [ticket.answer_email]
    assert reply["Subject"] == f"[{ticket.code}] Re: {ticket.subject}"
    assert reply["Message-ID"] == by_template["public_reply"].message_id
    assert reply["In-Reply-To"] == by_template["ticket_opened"].message_id
    assert "Buongiorno, ecco la soluzione." in reply.get_body(("plain",)).get_content()
    assert reply.get_body(("html",)) is not None
    confirmation = next(m for _, m in smtp_server.messages if m is not reply)
    assert confirmation["Auto-Submitted"] == "auto-generated"
    assert "abbiamo ricevuto la sua richiesta" in confirmation.get_body(("plain",)).get_content()


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_means_a_later_retry_not_a_lost_mail(people, open_ticket_for):
    port = free_port()  # nothing listens here
    with override_settings(MAILERS=smtp_settings(port)):
        ticket = open_ticket_for(people.giulia)
        run_worker_batch()
    mail = OutboundMail.objects.get(ticket=ticket)
    assert mail.state == OutboundMail.State.PENDING and mail.attempts == 1
    assert "Connection" in mail.last_error or "refused" in mail.last_error.lower()
    assert (mail.next_attempt_at - mail.created_at).total_seconds() >= RETRY_DELAYS[0] * 60 - 5
    # The server comes back and the retry time arrives: delivered exactly once.
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(MAILERS=smtp_settings(port)):
            OutboundMail.objects.filter(pk=mail.pk).update(next_attempt_at=mail.created_at)
            assert deliver(mail.pk) == OutboundMail.State.SENT
            assert deliver(mail.pk) is None  # a second worker finds nothing to send
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_the_same_mail(people, open_ticket_for, smtp_server):
    ticket = open_ticket_for(people.giulia)
    mail = OutboundMail.objects.get(ticket=ticket)
    results = run_together([lambda: deliver(mail.pk)] * 4)
    deadline = time.monotonic() + 5
    while len(smtp_server.messages) < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert results.count(OutboundMail.State.SENT) == 1 and results.count(None) == 3
    assert len(smtp_server.messages) == 1


def test_failed_after_the_last_retry(people, open_ticket_for, settings):
    settings.MAILERS = smtp_settings(free_port())
    ticket = open_ticket_for(people.giulia)
    mail = OutboundMail.objects.get(ticket=ticket)
    for _ in range(len(RETRY_DELAYS) + 1):
        OutboundMail.objects.filter(pk=mail.pk).update(next_attempt_at=mail.created_at)
        deliver(mail.pk)
    mail.refresh_from_db()
    assert mail.state == OutboundMail.State.FAILED and mail.attempts == len(RETRY_DELAYS) + 1


@pytest.mark.django_db(transaction=True)
def test_smtp_down_for_a_while_then_every_queued_message_is_delivered_once(people, open_ticket_for):
    from sportello.outbox.tasks import retry_due_mail

    port = free_port()
    with override_settings(MAILERS=smtp_settings(port)):
        tickets = [open_ticket_for(people.giulia, subject=f"Richiesta {n}") for n in range(3)]
        run_worker_batch()  # the server is down: every attempt fails and is rescheduled
        assert set(OutboundMail.objects.values_list("state", flat=True)) == {OutboundMail.State.PENDING}
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            OutboundMail.objects.update(next_attempt_at=OutboundMail.objects.first().created_at)  # time passes
            retry_due_mail.call()
            retry_due_mail.call()
            run_worker_batch()  # the retries the failures scheduled find nothing left to send
        finally:
            controller.stop()
    subjects = sorted(m["Subject"] for _, m in inbox.messages)
    assert subjects == sorted(f"[{t.code}] Abbiamo ricevuto la sua richiesta: {t.subject}" for t in tickets)
    assert set(OutboundMail.objects.values_list("state", flat=True)) == {OutboundMail.State.SENT}
