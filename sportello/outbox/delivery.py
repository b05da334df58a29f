"""Delivering outbox rows through the configured mailer (Django's MAILERS)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
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
    else:
        mail.state = OutboundMail.State.SENT
        mail.sent_at = timezone.now()
        mail.last_error = ""
        MAIL_SENT.inc()
    mail.save(update_fields=["state", "attempts", "last_error", "next_attempt_at", "sent_at"])
    if mail.state == OutboundMail.State.SENT and mail.attempts == 1:
        _server_is_back(now)
    return mail.state


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
