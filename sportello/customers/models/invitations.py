"""An invitation to a company's colleague: a link that lets them choose their password."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Invitation(models.Model):
    contact = models.ForeignKey("customers.Contact", on_delete=models.CASCADE, related_name="invitations")
    # Only the SHA-256 of the link's token: the link itself exists only in the e-mail.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    @staticmethod
    def hash(token):
        return hashlib.sha256(token.encode()).hexdigest()

    def is_usable(self, now=None):
        return self.accepted_at is None and (now or timezone.now()) < self.expires_at
