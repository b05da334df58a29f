"""The conversation on a ticket (replies and internal notes) and its history."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tickets import Ticket


class Message(models.Model):
    """A public reply (seen by the customer, e-mailed) or an internal note (staff only)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("author"))
    # Who wrote it when that is not a user (an e-mail from an address with no account).
    author_name = models.CharField(_("author name"), max_length=200, blank=True)
    is_internal = models.BooleanField(_("internal note"), default=False)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]  # merged messages keep their time, not their place
        indexes = [models.Index(fields=["ticket", "id"], name="message_ticket_idx")]

    @property
    def from_staff(self):
        return self.author is not None and self.author.speaks_for_desk

    @property
    def written_by(self):
        return self.author.full_name if self.author else self.author_name


class Event(models.Model):
    """One line of a ticket's history: who did what, and when."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Ticket opened")
        STATUS = "status", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        REPLY = "reply", _("Public reply")
        CUSTOMER_REPLY = "customer_reply", _("Customer reply")
        NOTE = "note", _("Internal note")
        UNIT_USED = "unit_used", _("Package unit used")
        REFUND = "refund", _("Package unit refunded")
        PRIORITY = "priority", _("Priority changed")
        REQUEST_TYPE = "request_type", _("Request type changed")
        FILE_REQUESTED = "file_requested", _("File requested")
        FILE_RECEIVED = "file_received", _("File received")
        ONE_TOPIC = "one_topic", _("One-topic rule applied")
        SPLIT = "split", _("Split")
        MERGED = "merged", _("Merged")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    old_value = models.CharField(max_length=100, blank=True)
    new_value = models.CharField(max_length=100, blank=True)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["ticket", "id"], name="event_ticket_idx"),
                   # Reports count the rare kinds ("più argomenti") over a period.
                   models.Index(fields=["kind", "created_at"], name="event_kind_idx")]

    def describe(self):
        """A sentence for the history list."""
        if self.kind == self.Kind.STATUS:
            return _("Status: %(old)s → %(new)s") % {
                "old": Ticket.Status(self.old_value).label, "new": Ticket.Status(self.new_value).label}
        if self.kind == self.Kind.ASSIGNED:
            if self.old_value:
                return _("Reassigned from %(old)s to %(new)s") % {"old": self.old_value, "new": self.new_value}
            if self.actor_id is None:
                return _("Assigned automatically to %(new)s") % {"new": self.new_value}
            return _("Taken by %(new)s") % {"new": self.new_value}
        if self.kind == self.Kind.PRIORITY:
            return _("Priority: %(new)s") % {"new": Ticket.Priority(self.new_value).label}
        if self.kind == self.Kind.REQUEST_TYPE:
            return _("Request type: %(old)s → %(new)s") % {"old": self.old_value, "new": self.new_value}
        if self.kind in (self.Kind.UNIT_USED, self.Kind.REFUND, self.Kind.FILE_REQUESTED, self.Kind.FILE_RECEIVED,
                         self.Kind.SPLIT, self.Kind.MERGED) and self.new_value:
            return f"{self.get_kind_display()}: {self.new_value}"
        return self.get_kind_display()

