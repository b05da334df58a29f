"""The audit trail: security-relevant events, append-only. Each row is a snapshot
(who, which company, from where) written when the event happens, so renaming or
removing a company or a person later does not rewrite history."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKOUT = "lockout", _("Account locked after failed logins")
        UNLOCK = "unlock", _("Lock lifted")
        SECOND_FACTOR_ENROLLED = "2fa_enrolled", _("Two-step verification enabled")
        SECOND_FACTOR_FAILED = "2fa_failed", _("Wrong verification code")
        SECOND_FACTOR_RESET = "2fa_reset", _("Two-step verification reset")
        SECOND_FACTOR_DISABLED = "2fa_disabled", _("Two-step verification disabled")
        RECOVERY_CODES = "recovery_codes", _("New recovery codes")
        RECOVERY_CODE_USED = "recovery_used", _("Recovery code used")
        PASSWORD_CHANGED = "password", _("Password changed")
        LOGOUT_EVERYWHERE = "logout_all", _("Logged out everywhere")
        ROLE_CHANGED = "role", _("Role changed")
        COMPANY_ADMIN_CHANGED = "company_admin", _("Company administrator changed")
        CONTACT_INVITED = "contact_invited", _("Colleague invited")
        CONTACT_JOINED = "contact_joined", _("Invitation accepted")
        CONTACT_RETIRED = "contact_retired", _("Contact retired")
        CONTACT_RESTORED = "contact_restored", _("Contact restored")
        PURCHASE = "purchase", _("Package purchase recorded")
        ADJUSTMENT = "adjustment", _("Units adjusted")
        CONTRACT_CHANGED = "contract", _("Contract recorded or changed")
        RELEASE_CHANGED = "release", _("Software release published or withdrawn")
        EXPORT = "export", _("Data exported")
        FILE_DOWNLOAD = "download", _("File downloaded")
        TOKEN_CREATED = "token_created", _("Integration token created")
        TOKEN_REVOKED = "token_revoked", _("Integration token revoked")
        WEBHOOK_CHANGED = "webhook", _("Webhook changed")
        CALENDAR_CHANGED = "calendar", _("Calendar changed")
        SERVICE_LEVEL_CHANGED = "service_level", _("Service level changed")

    created_at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("event"), max_length=20, choices=Kind)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    actor_label = models.CharField(_("by"), max_length=254, blank=True)   # the e-mail typed, even with no account
    target = models.CharField(_("concerning"), max_length=254, blank=True)
    company_id = models.BigIntegerField(null=True, blank=True)
    company_name = models.CharField(_("company"), max_length=200, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-id"]
        indexes = [models.Index(fields=["kind", "id"], name="audit_kind_idx"),
                   models.Index(fields=["actor", "id"], name="audit_actor_idx"),
                   models.Index(fields=["actor_label", "id"], name="audit_actor_label_idx"),
                   models.Index(fields=["company_id", "id"], name="audit_company_idx"),
                   models.Index(fields=["created_at"], name="audit_created_idx")]

    def __str__(self):
        return f"{self.created_at:%d-%m-%Y %H:%M} {self.get_kind_display()} {self.actor_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are never deleted.")
