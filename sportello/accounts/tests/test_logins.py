"""Logging in safely: throttled passwords, two-step verification for staff (and for
customers who want it), logging out everywhere, and all of it in the audit trail."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticToken

from sportello.accounts.models import AuditEntry, User
from sportello.conftest import PASSWORD, totp_code

LOGIN = "/accounts/login/"


def attempt(client, email, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(people, client):
    for _ in range(4):
        assert attempt(client, "giulia@acme.test", "sbagliata").status_code == 200
    locked = attempt(client, "giulia@acme.test", "sbagliata")
    assert locked.status_code == 429 and "Troppe password errate" in locked.text and "15 minuti" in locked.text
    right = attempt(client, "Giulia@Acme.test ", PASSWORD)   # any spelling of the address is the same account
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    # Another account from the same address is not locked by Giulia's mistakes.
    assert attempt(Client(), "mario@acme.test", PASSWORD).status_code == 302
    assert AuditEntry.objects.filter(kind="lockout", actor_label="giulia@acme.test").count() == 1
    assert AuditEntry.objects.filter(kind="login_failed", actor_label="giulia@acme.test").count() >= 5


def test_the_lock_ends_by_itself_after_the_cool_down(people, client):
    for _ in range(5):
        attempt(client, "giulia@acme.test", "sbagliata")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, "giulia@acme.test", PASSWORD).status_code == 302


def test_a_supervisor_lifts_a_lock_and_it_is_recorded(people, client, login):
    for _ in range(5):
        attempt(client, "giulia@acme.test", "sbagliata")
    supervisor = login(people.silvia)
    page = supervisor.get("/console/security/").text
    assert "giulia@acme.test" in page
    supervisor.post("/console/security/unlock/", {"username": "giulia@acme.test"})
    assert "Nessun account è bloccato" in supervisor.get("/console/security/").text
    assert attempt(Client(), "giulia@acme.test", PASSWORD).status_code == 302
    unlock = AuditEntry.objects.get(kind="unlock")
    assert unlock.actor == people.silvia and unlock.target == "giulia@acme.test"
    assert login(people.anna).get("/console/security/").status_code == 403


def test_one_address_is_locked_after_many_failures_across_accounts(people, settings):
    settings.SPORTELLO_LOGIN_FAILURES_PER_ADDRESS = 10
    client = Client()
    for n in range(10):
        attempt(client, f"indovino{n}@altrove.test", "x", address="198.51.100.9")
    assert attempt(client, "mario@acme.test", PASSWORD, address="198.51.100.9").status_code == 429
    assert attempt(Client(), "mario@acme.test", PASSWORD, address="198.51.100.10").status_code == 302


@pytest.mark.parametrize("url", ["/console/", "/console/tickets/", "/admin/", "/admin/accounts/user/",
                                 "/portal/", "/accounts/profile/"])
def test_console_and_admin_refuse_a_password_only_staff_session(people, client, url):
    assert attempt(client, "silvia@sportello.test", PASSWORD).status_code == 302
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/verify/")
    client.post("/accounts/verify/", {"code": totp_code(people.silvia)})
    response = client.get(url)
    assert response.status_code == 200 or not response.url.startswith("/accounts/verify/")


def test_a_wrong_code_is_refused_and_recorded(people, client):
    attempt(client, "anna@sportello.test", PASSWORD)
    page = client.post("/accounts/verify/", {"code": "000000"})
    assert "Il codice non è valido" in page.text
    assert client.get("/console/").status_code == 302
    assert AuditEntry.objects.filter(kind="2fa_failed", actor=people.anna).exists()


def test_a_new_technician_can_do_nothing_but_enrol_then_works_with_recovery_codes(defaults, client):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    User.objects.create_user("nuovo@sportello.test", PASSWORD, full_name="Nuovo Tecnico", role="technician")
    attempt(client, "nuovo@sportello.test", PASSWORD)
    for url in ("/console/", "/console/mine/", "/admin/", "/accounts/verify/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/two-step/")
    page = client.get("/accounts/two-step/").text
    assert '<svg width="265"' in page and "Attiva la verifica in due passaggi" in page
    device = TOTPDevice.objects.get(user__email="nuovo@sportello.test", confirmed=False)
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    response = client.post("/accounts/two-step/", {"code": code, "next": "/console/"})
    assert response.status_code == 302 and response.url.startswith("/accounts/two-step/recovery-codes/")
    codes_page = client.get(response.url).text
    codes = list(StaticToken.objects.filter(device__user__email="nuovo@sportello.test").values_list("token",
                                                                                                   flat=True))
    assert len(codes) == 10 and all(c in codes_page for c in codes)
    assert client.get("/console/").status_code == 200
    assert AuditEntry.objects.filter(kind="2fa_enrolled", actor_label="nuovo@sportello.test").exists()
    # A recovery code works once.
    for expected in ("ok", "refused"):
        other = Client()
        attempt(other, "nuovo@sportello.test", PASSWORD, address=f"192.0.2.{1 if expected == 'ok' else 2}")
        other.post("/accounts/verify/", {"code": codes[0]})
        status = other.get("/console/").status_code
        assert status == (200 if expected == "ok" else 302)


def test_a_password_alone_cannot_replace_an_enrolled_authenticator(people, client):
    attempt(client, "anna@sportello.test", PASSWORD)
    response = client.get("/accounts/two-step/?again=1")
    assert response.status_code == 302 and response.url.startswith("/accounts/verify/")
    response = client.post("/accounts/two-step/", {"code": "123456"})
    assert response.status_code == 302 and response.url.startswith("/accounts/verify/")


def test_a_customer_opts_in_then_needs_the_code_and_may_turn_it_off(people, client, login):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    giulia = login(people.giulia)
    assert "Attiva la verifica in due passaggi" in giulia.get("/accounts/profile/").text
    giulia.get("/accounts/two-step/")
    device = TOTPDevice.objects.get(user=people.giulia)
    giulia.post("/accounts/two-step/", {"code": f"{TOTP(device.bin_key).token():06d}"})
    people.giulia.refresh_from_db()
    assert people.giulia.two_factor_enabled
    other = Client()
    attempt(other, "giulia@acme.test", PASSWORD)
    assert other.get("/portal/").url.startswith("/accounts/verify/")
    giulia.post("/accounts/two-step/off/", {"code": "000000"})
    people.giulia.refresh_from_db()
    assert people.giulia.two_factor_enabled
    for device in devices_for_user(people.giulia):
        device.throttle_reset()   # django-otp makes the next try wait after a wrong code
    giulia.post("/accounts/two-step/off/", {"code": StaticToken.objects.filter(device__user=people.giulia)
                                            .first().token})
    people.giulia.refresh_from_db()
    assert not people.giulia.two_factor_enabled
    assert AuditEntry.objects.filter(kind="2fa_disabled", actor=people.giulia).exists()


def test_staff_cannot_turn_it_off(people, login):
    login(people.anna).post("/accounts/two-step/off/", {"code": totp_code(people.anna)})
    people.anna.refresh_from_db()
    assert people.anna.two_factor_enabled


def test_log_out_everywhere_ends_every_session(people, login):
    phone, office = Client(), login(people.giulia)
    attempt(phone, "giulia@acme.test", PASSWORD)
    assert phone.get("/portal/").status_code == 200
    office.post("/accounts/logout-everywhere/")
    assert phone.get("/portal/").status_code == 302 and office.get("/portal/").status_code == 302
    assert AuditEntry.objects.filter(kind="logout_all", actor=people.giulia).exists()


def test_a_password_change_ends_other_sessions_and_keeps_this_one(people, login):
    phone, office = Client(), login(people.giulia)
    attempt(phone, "giulia@acme.test", PASSWORD)
    response = office.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "Nuova-Password-2026!",
                                                   "new_password2": "Nuova-Password-2026!"})
    assert response.status_code == 302
    assert office.get("/portal/").status_code == 200
    assert phone.get("/portal/").status_code == 302
    assert AuditEntry.objects.filter(kind="password", actor=people.giulia).exists()


def test_a_supervisor_resets_a_lost_phone(people, login):
    anna = Client()
    attempt(anna, "anna@sportello.test", PASSWORD)
    anna.post("/accounts/verify/", {"code": totp_code(people.anna)})
    assert anna.get("/console/").status_code == 200
    login(people.silvia).post("/console/security/reset-second-factor/", {"email": "Anna@sportello.test"})
    people.anna.refresh_from_db()
    assert not people.anna.two_factor_enabled
    assert anna.get("/console/").status_code == 302   # her session is over
    attempt(anna, "anna@sportello.test", PASSWORD)
    assert anna.get("/console/").url.startswith("/accounts/two-step/")
    assert AuditEntry.objects.get(kind="2fa_reset").target == "anna@sportello.test"


def test_logins_are_audited_with_address_and_request_id(people, client):
    attempt(client, "giulia@acme.test", PASSWORD, address="203.0.113.50")
    entry = AuditEntry.objects.get(kind="login")
    assert entry.actor == people.giulia and entry.company_name == "Acme S.r.l."
    assert entry.address == "203.0.113.50" and len(entry.request_id) == 32


def test_audit_entries_cannot_be_changed_or_deleted(people, client, login):
    attempt(client, "giulia@acme.test", PASSWORD)
    entry = AuditEntry.objects.get(kind="login")
    entry.detail = "altro"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    admin = login(people.silvia)
    assert admin.get(f"/admin/accounts/auditentry/{entry.pk}/delete/").status_code == 403
    assert admin.post(f"/admin/accounts/auditentry/{entry.pk}/change/", {"detail": "x"}).status_code == 403


@pytest.mark.parametrize("target", ["0", "home", "//evil.example/", "https://evil.example/", "javascript:alert(1)",
                                    "/console/"])
def test_the_next_address_after_verification_is_a_path_on_this_site(people, login, target):
    response = login(people.silvia).get("/accounts/verify/", {"next": target})
    assert response.status_code == 302 and response.url == (target if target == "/console/" else "/")
