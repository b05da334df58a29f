"""Canned answers: texts technicians insert in the composer, in Italian and English,
with placeholders filled from the ticket. Shared ones belong to the desk; personal
ones to their author."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CannedAnswer(models.Model):
    title = models.CharField(_("title"), max_length=120)
    body_it = models.TextField(_("text in Italian"))
    body_en = models.TextField(_("text in English"), blank=True,
                               help_text=_("Used for customers who read English; empty: the Italian text."))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="+", verbose_name=_("personal answer of"),
                              help_text=_("Empty: shared with every technician."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    is_active = models.BooleanField(default=True)
    # Counted when a technician inserts it (an UPDATE … + 1, so two at once both count).
    use_count = models.PositiveIntegerField(_("uses"), default=0)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["owner", "is_active", "title"], name="canned_owner_idx")]

    def __str__(self):
        return self.title

    @property
    def shared(self):
        return self.owner_id is None
