"""Who has a ticket open in the console right now, and whether they are writing: one
row per technician and ticket, refreshed by the page every few seconds (a table, not
process memory, so every web process sees every technician)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class TicketPresence(models.Model):
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)
    typing = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ticket", "user"], name="presence_once")]
        indexes = [models.Index(fields=["seen_at"], name="presence_seen_idx")]
