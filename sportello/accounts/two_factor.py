"""Two-step verification (TOTP with django-otp, plus ten one-time recovery codes).

Staff must have it: a technician or supervisor whose session has not passed the
second step can do nothing but enrol or verify (see SecondFactorMiddleware).
Customers may opt in from their profile."""

import segno
from django.conf import settings
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp import match_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit

RECOVERY_CODES = 10


def authenticator(user, *, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-id").first()


def start_enrolment(user):
    """The not yet confirmed authenticator the enrolment page shows (one at a time)."""
    device = authenticator(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


def qr_code_svg(device):
    """The otpauth:// address as an inline SVG QR code (no external service sees the secret)."""
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(  # noqa: S308 (generated SVG)
        scale=5, dark="#1f2933", light="#ffffff", border=2, title="QR"))


def readable_key(device):
    """The secret in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def issue_recovery_codes(user):
    """Ten new one-time codes; the old ones stop working. The person sees them once;
    django-otp keeps them in its own table to check them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user).count()


def confirm_enrolment(*, user, device, code):
    """The first code from the app proves it holds the secret. Returns the recovery
    codes, or None when the code is wrong."""
    if not device.verify_token(normalise(code)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = issue_recovery_codes(user)
        user.two_factor_enabled = True
        user.save(update_fields=["two_factor_enabled"])
        audit.record(audit.Kind.SECOND_FACTOR_ENROLLED, actor=user, target=user.email)
    return codes


def check_code(user, code):
    """The device that accepts `code` (the app's six digits or a recovery code), or None.
    django-otp throttles each device after wrong codes."""
    device = match_token(user, normalise(code))
    if device is None:
        audit.record(audit.Kind.SECOND_FACTOR_FAILED, actor=user, target=user.email)
    elif isinstance(device, StaticDevice):
        audit.record(audit.Kind.RECOVERY_CODE_USED, actor=user, target=user.email,
                     detail=f"{remaining_recovery_codes(user)} left")
    return device


def normalise(code):
    return "".join(str(code or "").split()).lower()


def remove_second_factor(*, user, by, kind=audit.Kind.SECOND_FACTOR_RESET):
    """A supervisor resets a lost phone (or a customer turns the option off): every
    device goes, every session of the account ends, and staff must enrol again."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        user.two_factor_enabled = False
        user.save(update_fields=["two_factor_enabled"])
        user.end_all_sessions()
        audit.record(kind, actor=by, target=user.email)


def demo_code(user):
    """In the demo only, the current code of a demo account, so that a visitor can try
    the console without an authenticator app."""
    if not settings.DEMO:
        return ""
    from sportello.demo.data import STAFF

    device = authenticator(user)
    if device is None or user.email not in {email for email, *_rest in STAFF}:
        return ""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():0{device.digits}d}"
