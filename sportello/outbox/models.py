from django.conf import settings
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
    # An automatic mail's one recipient, lower case: the flood guard counts a day of them
    # per address from an index range instead of reading every automatic mail of the day.
    auto_recipient = models.CharField(max_length=254, blank=True)
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
        db_table = "mail_outboundmail"   # born in the mail app, before deliveries had their own
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbound_due_idx"),
                   models.Index(fields=["state", "id"], name="outbound_state_idx"),
                   models.Index(fields=["ticket", "id"], name="outbound_ticket_idx"),
                   models.Index(fields=["auto_recipient", "created_at"], name="outbound_auto_to_idx")]

    def __str__(self):
        return self.subject

    def problem_in_words(self):
        from .problems import in_words

        return in_words(last_error=self.last_error, bounce_reason=self.bounce_reason,
                        retrying=self.state == self.State.PENDING)


class WebhookEvent(models.TextChoices):
    TICKET_CREATED = "ticket.created", _("Ticket opened")
    TICKET_REPLIED_BY_STAFF = "ticket.replied_by_staff", _("Ticket answered by the desk")
    TICKET_REPLIED_BY_CUSTOMER = "ticket.replied_by_customer", _("Customer replied")
    TICKET_STATUS_CHANGED = "ticket.status_changed", _("Ticket status changed")
    TICKET_ASSIGNED = "ticket.assigned", _("Ticket assigned")
    PACKAGE_LOW = "package.low", _("Company running out of tickets")
    PACKAGE_EXPIRED = "package.expired", _("Package expired")
    CALLBACK_REQUESTED = "callback.requested", _("Call-back requested")


class WebhookEndpoint(models.Model):
    """A URL of another system that wants to hear about events, signed with its secret."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    # Kept as it is: it signs every call (HMAC-SHA256), so the receiver needs the same value.
    secret = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def event_labels(self):
        labels = dict(WebhookEvent.choices)
        return [labels.get(event, event) for event in self.events]


class WebhookDelivery(models.Model):
    """One event for one endpoint: written in the transaction that caused the event,
    sent after commit by the worker, at most once, retried with growing delays."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent)
    event_id = models.UUIDField(_("event id"))
    payload = models.JSONField()
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_status = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_event_once")]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhook_due_idx"),
                   models.Index(fields=["state", "id"], name="webhook_state_idx")]
