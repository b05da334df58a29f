"""Who may call the API, and the answers kept for retried requests."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    TICKETS_READ = "tickets:read", _("Read tickets, messages and files")
    TICKETS_WRITE = "tickets:write", _("Open and work on tickets")
    COMPANIES_READ = "companies:read", _("Read companies and contacts")
    PACKAGES_READ = "packages:read", _("Read packages and unit movements")
    PACKAGES_WRITE = "packages:write", _("Record purchases and adjustments")
    PHONE_READ = "phone:read", _("Read phone contracts and call-backs")
    PHONE_WRITE = "phone:write", _("Record call-backs")


# What a person's own token may be given; what it reaches is still only what the person
# reaches on the pages. Recording purchases belongs to billing integrations.
PERSONAL_SCOPES = [scope for scope in Scope if scope != Scope.PACKAGES_WRITE]


class ApiToken(models.Model):
    """A bearer token. Integration tokens belong to a system (ERP, billing) and act
    through a service account named after them; personal tokens act as their owner
    and see exactly what the owner sees. Only the SHA-256 of the secret is kept."""

    class Kind(models.TextChoices):
        INTEGRATION = "integration", _("Integration")
        PERSONAL = "personal", _("Personal")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the token, shown in lists so that a token can be recognised.
    prefix = models.CharField(_("begins with"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("permissions"), default=list)
    # Who acts: the owner of a personal token, the service account of an integration.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    company = models.ForeignKey("customers.Company", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+", verbose_name=_("only for company"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(secret):
        # The secret is 32 random bytes: a plain hash cannot be reversed by guessing.
        return hashlib.sha256(secret.encode()).hexdigest()

    @property
    def is_integration(self):
        return self.kind == self.Kind.INTEGRATION

    @property
    def is_active(self):
        return self.revoked_at is None and self.user.is_active

    def allows(self, scope):
        return scope in self.scopes

    def scope_labels(self):
        labels = dict(Scope.choices)
        return [labels.get(scope, scope) for scope in self.scopes]


class IdempotentRequest(models.Model):
    """A creating request sent with an Idempotency-Key: written in the transaction that
    created the object, so a retry finds either nothing (and runs) or the answer."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)   # method, path and body: the same key with another body is refused
    status_code = models.PositiveSmallIntegerField(default=0)
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_key_once")]
