"""Saved views: a technician's named filters on a console list, or a supervisor's
shared with everyone."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SavedView(models.Model):
    class List(models.TextChoices):
        QUEUE = "queue", _("Queue")
        MINE = "mine", _("My tickets")
        ALL = "all", _("All tickets")
        SEARCH = "search", _("Search")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views")
    name = models.CharField(_("name"), max_length=60)
    list = models.CharField(max_length=10, choices=List)
    query = models.CharField(max_length=1000, blank=True)   # the list's URL parameters
    shared = models.BooleanField(_("shared with everyone"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["owner", "name"], name="savedview_owner_idx"),
                   models.Index(fields=["shared", "name"], name="savedview_shared_idx")]

    def __str__(self):
        return self.name
