from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundMail(models.Model):
    """One e-mail to send: written in the transaction that caused it, delivered
    after commit by the worker, at most once."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="outbound_mail")
    template = models.CharField(max_length=60)
    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    message_id = models.CharField(max_length=250, unique=True)
    in_reply_to = models.CharField(max_length=250, blank=True)
    references = models.TextField(blank=True)
    reply_to = models.CharField(max_length=250, blank=True)
    auto_generated = models.BooleanField(default=False)
    language = models.CharField(max_length=8, default="it")

    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Which worker is sending it, since when: a dead worker's row is handed to another.
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced"), null=True, blank=True)
    bounce_reason = models.TextField(_("bounce"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbound_due_idx"),
                   models.Index(fields=["state", "id"], name="outbound_state_idx"),
                   models.Index(fields=["ticket", "id"], name="outbound_ticket_idx"),
                   models.Index(fields=["auto_generated", "created_at"], name="outbound_auto_idx")]

    def __str__(self):
        return self.subject

    def problem_in_words(self):
        from .problems import in_words

        return in_words(last_error=self.last_error, bounce_reason=self.bounce_reason,
                        retrying=self.state == self.State.PENDING)


def raw_mail_path(inbound, filename):
    return f"inbound/{timezone.now():%Y/%m}/{inbound.fingerprint_digest()}.eml"


class InboundMail(models.Model):
    """Every message received, stored once (by Message-ID, or by content hash when
    it has none) before it changes anything, with what was done with it."""

    class Outcome(models.TextChoices):
        ADDED = "added", _("Added to a ticket")
        OPENED = "opened", _("Opened a ticket")
        TRIAGE = "triage", _("Waiting for triage")
        IGNORED = "ignored", _("Ignored")
        BOUNCE = "bounce", _("Delivery failure")
        REJECTED = "rejected", _("Refused")

    fingerprint = models.CharField(max_length=250, unique=True)
    message_id = models.CharField(max_length=250, blank=True, db_index=True)
    sender = models.EmailField(_("sender"), blank=True)
    sender_name = models.CharField(max_length=200, blank=True)
    recipients = models.TextField(blank=True)
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    body_text = models.TextField(blank=True)   # what the technician reads: new text and forwarded content
    full_text = models.TextField(blank=True)   # everything, as received
    # The message as a structure: [{"kind": "text" | "quote" | "forward" | "signature", "text": …}]
    fragments = models.JSONField(default=list, blank=True)
    raw = models.FileField(upload_to=raw_mail_path, max_length=200)
    is_automatic = models.BooleanField(default=False)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome)
    reason = models.CharField(_("reason"), max_length=250, blank=True)
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="inbound_mail")
    ticket_message = models.ForeignKey("tickets.Message", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+")
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("incoming e-mail")
        verbose_name_plural = _("incoming e-mails")
        ordering = ["-id"]
        indexes = [models.Index(fields=["outcome", "id"], name="inbound_outcome_idx"),
                   models.Index(fields=["outcome", "is_automatic", "id"], name="inbound_outcome_auto_idx")]

    def __str__(self):
        return self.subject or self.fingerprint

    def fingerprint_digest(self):
        import hashlib

        return hashlib.sha256(self.fingerprint.encode()).hexdigest()[:32]
