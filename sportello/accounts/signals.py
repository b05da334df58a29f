"""Logins, failures and lockouts go to the audit trail. These are django.contrib.auth's
and axes' own signals (not model signals): the only hook they offer."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from . import audit
from .models import AuditEntry


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    audit.record(audit.Kind.LOGIN, actor=user, target=user.email, company=_company(user))
    if user.is_support_staff:   # at the desk from now (see PresenceMiddleware)
        user.last_seen_at = timezone.now()
        type(user).objects.filter(pk=user.pk).update(last_seen_at=user.last_seen_at)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    typed = str(credentials.get("username", ""))
    audit.record(audit.Kind.LOGIN_FAILED, actor_label=typed, target=typed,
                 detail="locked" if getattr(request, "axes_locked_out", False) else "")


@receiver(user_locked_out)
def locked_out(sender, request, username=None, ip_address=None, **kwargs):
    # axes signals again at every refused attempt during the lock: record the lock once.
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    if AuditEntry.objects.filter(kind=audit.Kind.LOCKOUT, actor_label=username or "", created_at__gte=since).exists():
        return
    audit.record(audit.Kind.LOCKOUT, actor_label=username or "", target=username or ip_address or "",
                 detail=f"address {ip_address}")


def _company(user):
    contact = getattr(user, "contact", None)
    return contact.company if contact is not None else None
