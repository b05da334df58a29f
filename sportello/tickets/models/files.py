"""Files on tickets, and the technician's requests for them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conversation import Message
from .tickets import Ticket


def attachment_path(attachment, filename):
    # A random name on disk: the original name is only ever shown, never used as a path.
    return f"attachments/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class Attachment(models.Model):
    """A file on a ticket: sent with the e-mail that opened it (no message), or on a reply."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=150)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    content_id = models.CharField(max_length=250, blank=True)  # for images shown inside an HTML mail
    file_request = models.ForeignKey("FileRequest", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="files")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    class ScanState(models.TextChoices):
        NOT_SCANNED = "", _("No virus scan configured")
        CLEAN = "clean", _("Scanned: clean")
        INFECTED = "infected", _("Virus found")
        PENDING = "pending", _("Waiting for the virus scanner")
        TOO_LARGE = "too_large", _("Not scanned: larger than the virus scanner accepts")

    # Kept apart, never offered for download: a virus found, or no verdict yet.
    HELD_STATES = {ScanState.INFECTED, ScanState.PENDING}

    quarantined = models.BooleanField(_("quarantined"), default=False)
    scan_state = models.CharField(_("virus scan"), max_length=10, choices=ScanState, default=ScanState.NOT_SCANNED,
                                  blank=True)
    scan_result = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]
        indexes = [models.Index(fields=["scan_state", "id"], name="attachment_scan_idx")]


class FileRequest(models.Model):
    """A technician asks the customer for a specific file (a backup, a log, an export)."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for the file")
        FULFILLED = "fulfilled", _("File received")
        CANCELLED = "cancelled", _("Cancelled")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="file_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("which file, and why"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.OPEN)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    fulfilled_at = models.DateTimeField(_("received"), null=True, blank=True)

    class Meta:
        verbose_name = _("file request")
        verbose_name_plural = _("file requests")
        ordering = ["id"]

    def __str__(self):
        return self.description[:60]
