from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
