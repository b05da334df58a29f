"""The worker polls a real IMAP mailbox (dovecot on 127.0.0.1)."""

import pytest
from imapclient import IMAPClient

from sportello.mail.imap import poll_mailbox
from sportello.mail.models import InboundMail
from sportello.mail.tasks import poll_mailbox as poll_task
from sportello.tickets.models import Ticket

from .mailcorpus import message


def test_poll_routes_every_unread_message_and_flags_it(people, mailbox, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    mailbox.deliver(message("html_only_new"))
    mailbox.deliver(message("inline_image", ticket=ticket))
    mailbox.deliver(message("unknown_sender"))
    assert len(mailbox.unseen()) == 3
    assert poll_task.call() == {"fetched": 3, "new": 3}
    assert mailbox.unseen() == []
    outcomes = dict(InboundMail.objects.values_list("subject", "outcome"))
    assert outcomes == {"Stampa del registro IVA": "opened", "Schermata dell'errore": "added",
                        "Informazioni sul prodotto": "triage"}
    assert poll_mailbox() == {"fetched": 0, "new": 0}


class CrashesBeforeFlagging(IMAPClient):
    """A worker killed after committing a message but before flagging it."""

    def add_flags(self, messages, flags, silent=False):
        raise SystemExit("worker killed")


def test_a_worker_killed_between_storing_and_flagging_loses_nothing_and_duplicates_nothing(people, mailbox):
    mailbox.deliver(message("html_only_new"))
    mailbox.deliver(message("no_message_id"))
    with pytest.raises(SystemExit):
        poll_mailbox(client_factory=CrashesBeforeFlagging)
    assert InboundMail.objects.count() == 1 and len(mailbox.unseen()) == 2   # stored, not yet flagged
    assert poll_mailbox() == {"fetched": 2, "new": 1}                         # fetched again: one is a repeat
    assert InboundMail.objects.count() == 2 and Ticket.objects.count() == 2
    assert mailbox.unseen() == []


def test_no_mailbox_configured_means_nothing_to_do(settings, db):
    settings.IMAP_HOST = ""
    assert poll_mailbox() == {"fetched": 0, "new": 0}


def test_idle_notices_new_mail_within_seconds(people, mailbox):
    import threading

    from sportello.mail.imap import watch_mailbox

    noticed, stop, listening = threading.Event(), threading.Event(), threading.Event()
    watcher = threading.Thread(target=watch_mailbox, args=(stop,), daemon=True,
                               kwargs={"on_new_mail": noticed.set, "idle_seconds": 2, "ready": listening})
    watcher.start()
    try:
        assert listening.wait(10), "the watcher did not start listening"
        mailbox.deliver(message("unknown_sender"))
        assert noticed.wait(10), "IDLE did not report the new message"
    finally:
        stop.set()
        watcher.join(15)
    assert not watcher.is_alive()


def test_new_mail_announced_to_every_worker_queues_one_poll(db):
    """Each worker watches the mailbox (IMAP IDLE) and hears of the same message: one
    poll waiting to start is enough; once it has started, the next news queues another."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from sportello.mail.tasks import poll_soon

    def queued():
        return DBTaskResult.objects.filter(task_path=poll_task.module_path, status=TaskResultStatus.READY).count()

    poll_soon()
    poll_soon()
    assert queued() == 1
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)   # a worker took it: it may have searched already
    poll_soon()
    assert queued() == 1 and DBTaskResult.objects.count() == 2
