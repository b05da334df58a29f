"""Delivering outbox rows through the configured mailer (Django's MAILERS)."""

import logging
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.utils import timezone

from sportello.scheduler import heartbeat
from sportello.web.metrics import MAIL_FAILED_ATTEMPTS, MAIL_SENT

from . import mailer
from .models import OutboundMail

logger = logging.getLogger(__name__)

# Minutes to wait after each failed attempt; past the last one the mail is marked failed (about two days).
RETRY_DELAYS = [1, 5, 15, 60, 240, 480, 720, 720, 720]


def build_message(mail):
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        headers={"Message-ID": mail.message_id},
    )
    if mail.in_reply_to:
        message.extra_headers["In-Reply-To"] = mail.in_reply_to
        message.extra_headers["References"] = mail.references
    if mail.reply_to:
        message.reply_to = [mail.reply_to]
    if mail.auto_generated:
        message.extra_headers["Auto-Submitted"] = "auto-generated"
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    return message


def deliver(mail_id):
    """Send one outbox row if it is due. Returns the row's new state, or None if
    another worker holds it or it is not due.

    The claim (pending → sending) is a compare-and-set, so two workers never send
    the same row; a row left in `sending` by a crash is not retried blindly.
    """
    now = timezone.now()
    claimed = OutboundMail.objects.filter(
        pk=mail_id, state=OutboundMail.State.PENDING, next_attempt_at__lte=now
    ).update(state=OutboundMail.State.SENDING, claimed_by=heartbeat.current_worker_id, claimed_at=now)
    if not claimed:
        return None
    mail = OutboundMail.objects.get(pk=mail_id)
    mail.attempts += 1
    mark_sent = _mark_sent_statement()
    try:
        mailer.send(build_message(mail))
    except Exception as error:  # any SMTP or network failure: retry later
        logger.warning("Delivery of mail %s failed (attempt %s): %s", mail.pk, mail.attempts, error)
        MAIL_FAILED_ATTEMPTS.inc()
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        if mail.attempts > len(RETRY_DELAYS):
            mail.state = OutboundMail.State.FAILED
        else:
            mail.state = OutboundMail.State.PENDING
            mail.next_attempt_at = now + timedelta(minutes=RETRY_DELAYS[mail.attempts - 1])
        mail.save(update_fields=["state", "attempts", "last_error", "next_attempt_at", "sent_at"])
        return mail.state
    with connection.cursor() as cursor:   # the server has it: say so before anything else
        cursor.execute(mark_sent, [OutboundMail.State.SENT, mail.attempts,
                                   connection.ops.adapt_datetimefield_value(timezone.now()), mail.pk])
    MAIL_SENT.inc()
    if mail.attempts == 1:
        _server_is_back(now)
    return OutboundMail.State.SENT


@cache
def _mark_sent_statement():
    """The mail server has accepted the mail: from that instant until this statement
    commits, a worker killed (SIGKILL, a lost machine) leaves the row `sending`, and the
    worker that takes it over sends it again. So the statement is written beforehand and
    nothing else runs in between (Django's ORM took 0.3 ms to build the UPDATE), and
    PostgreSQL commits it without waiting for its disk flush (the statement alone: 0.27 ->
    0.15 ms): only a crash of the database server itself in the next fraction of a second
    could lose the mark, and the mail would then go twice, as it would have before."""
    table, quote = OutboundMail._meta.db_table, connection.ops.quote_name
    update = (f"UPDATE {quote(table)} SET state = %s, attempts = %s, last_error = '', sent_at = %s "
              "{extra} WHERE id = %s")
    if connection.vendor == "postgresql":
        return ("WITH no_flush_wait AS (SELECT set_config('synchronous_commit', 'off', true)) "
                + update.format(extra="FROM no_flush_wait"))
    return update.format(extra="")


_last_flush = None


def _server_is_back(now):
    """The mail server accepts mail again: what failed while it was down need not wait
    for its next retry (up to hours away). At most once a minute per process."""
    global _last_flush
    if _last_flush is not None and now - _last_flush < timedelta(minutes=1):
        return
    _last_flush = now
    waiting = OutboundMail.objects.filter(state=OutboundMail.State.PENDING, attempts__gt=0, next_attempt_at__gt=now)
    if waiting.update(next_attempt_at=now):
        from .tasks import retry_due_mail

        retry_due_mail.enqueue()
