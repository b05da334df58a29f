"""Steps shared by the browser journeys."""

from sportello.accounts.models import User
from sportello.conftest import PASSWORD


def log_in(page, base, email, password=PASSWORD):
    """The login page, then, for accounts with two-step verification, the code their
    authenticator app shows (computed here from the account's secret)."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Indirizzo e-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_load_state()
    if "/accounts/verify/" in page.url:
        # A code is accepted once: a second login in the same 30 seconds needs the next one.
        for step_ahead in (0, 1):
            page.get_by_label("Codice di verifica").fill(authenticator_code(email, step_ahead))
            page.get_by_role("button", name="Verifica").click()
            page.wait_for_load_state()
            if "/accounts/verify/" not in page.url:
                break


def authenticator_code(email, step_ahead=0):
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=User.objects.get(email=email), confirmed=True).latest("id")
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + step_ahead * device.step
    return f"{totp.token():0{device.digits}d}"
