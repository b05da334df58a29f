"""Shared test personas: a story is easier to read than a fixture soup.

Acme S.r.l.: Mario (company administrator) and Giulia (contact).
Beta S.p.A.: Luca (company administrator).
Staff: Anna and Paolo (technicians), Silvia (supervisor).
"""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "test-pass-1234"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Attachments and raw mail of a test go to its own temporary folder."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "files"}}}


@pytest.fixture
def defaults(db):
    """Request types and the ticket counter (a transactional test flushes them)."""
    from sportello.sla import defaults as sla_defaults
    from sportello.sla.models import Calendar, SlaPolicy, WorkingInterval
    from sportello.tickets.defaults import ensure_defaults
    from sportello.tickets.models import RequestType, TicketCounter

    ensure_defaults(RequestType, TicketCounter)
    sla_defaults.ensure_defaults(Calendar, WorkingInterval, SlaPolicy, RequestType)


@pytest.fixture
def people(defaults):
    from sportello.accounts.models import User
    from sportello.customers.models import Company, Contact

    acme = Company.objects.create(name="Acme S.r.l.", vat_number="01234560157", customer_code="C0001")
    beta = Company.objects.create(name="Beta S.p.A.", vat_number="09876540585", customer_code="C0002")

    def customer(email, name, company, admin=False):
        user = User.objects.create_user(email, PASSWORD, full_name=name)
        Contact.objects.create(user=user, company=company, is_company_admin=admin, phone="02 1234 5678")
        return user

    def staff(email, name, role):
        return enrol_second_factor(User.objects.create_user(email, PASSWORD, full_name=name, role=role))

    from datetime import timedelta

    from sportello.customers import ledger
    from sportello.customers.models import PackageProduct

    big = PackageProduct.objects.create(name="Pacchetto 100 ticket", units=100, validity_months=12)
    for company in (acme, beta):
        ledger.record_purchase(company=company, product=big, purchased_on=ledger.today() - timedelta(days=30), by=None)

    return SimpleNamespace(
        acme=acme, beta=beta,
        mario=customer("mario@acme.test", "Mario Rossi", acme, admin=True),
        giulia=customer("giulia@acme.test", "Giulia Bianchi", acme),
        luca=customer("luca@beta.test", "Luca Verdi", beta, admin=True),
        anna=staff("anna@sportello.test", "Anna Tecnico", User.Role.TECHNICIAN),
        paolo=staff("paolo@sportello.test", "Paolo Tecnico", User.Role.TECHNICIAN),
        silvia=staff("silvia@sportello.test", "Silvia Supervisore", User.Role.SUPERVISOR),
    )


@pytest.fixture
def open_ticket_for(people):
    """Open a web ticket as a customer, the way the portal does."""
    from sportello.tickets.actions import TicketFields, open_ticket
    from sportello.tickets.models import RequestType

    def make(user, subject="La stampa non funziona", description="Il programma si chiude quando stampo."):
        return open_ticket(
            company=user.contact.company, contact=user,
            fields=TicketFields(request_type=RequestType.objects.get(name="Malfunzionamento"),
                                requester_name=user.full_name, callback_phone="02 1234 5678",
                                answer_email=user.email, subject=subject, description=description))

    return make


def enrol_second_factor(user):
    """Staff are enrolled in two-step verification, as the console requires."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=True)
    user.two_factor_enabled = True
    user.save(update_fields=["two_factor_enabled"])
    return user


def totp_code(user):
    """The code the person's authenticator app shows now."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).latest("id")
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def log_in(client, user):
    """A session as after the login page, with the second step passed when the account has one."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if user.two_factor_enabled:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=user, confirmed=True).latest(
            "id").persistent_id
        session.save()
    return client


@pytest.fixture
def login(client):
    def as_user(user):
        return log_in(client, user)

    return as_user


@pytest.fixture(scope="session")
def s3_server():
    """An S3-compatible server (moto) on 127.0.0.1, for the object-storage tests."""
    from sportello.ops.servers import ServerFailed, start_moto

    try:
        process, endpoint = start_moto()
    except ServerFailed as error:
        pytest.fail(str(error))
    yield endpoint
    process.terminate()
    process.wait(10)


@pytest.fixture(params=["local", "s3"])
def file_storage(request, settings):
    """Run a test with files in the local folder, then in S3-compatible object storage."""
    if request.param == "s3":
        from sportello.ops.servers import create_bucket

        endpoint = request.getfixturevalue("s3_server")
        import secrets

        bucket = f"sportello-test-{secrets.token_hex(8)}"  # a fresh, empty bucket per test
        create_bucket(endpoint, bucket)
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": bucket, "endpoint_url": endpoint, "access_key": "test", "secret_key": "test",
            "region_name": "eu-south-1", "default_acl": "private", "file_overwrite": False}}}
    return request.param


EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _start_clamd(root, extra_conf=""):
    """A ClamAV daemon on 127.0.0.1 that knows one test-only signature (EICAR):
    Debian ships no signatures and they cannot be downloaded here. Yields host:port."""
    import shutil
    import subprocess

    from sportello.testing import free_port, wait_for_port

    clamd, sigtool = shutil.which("clamd") or "/usr/sbin/clamd", shutil.which("sigtool")
    if not sigtool or not Path(clamd).exists():
        pytest.fail("ClamAV not found: install Debian's clamav-daemon (apt-get install clamav-daemon).")
    (root / "db").mkdir()
    (root / "eicar.txt").write_bytes(EICAR)
    signature = subprocess.run([sigtool, "--md5", str(root / "eicar.txt")], capture_output=True, check=True).stdout
    (root / "db" / "test.hdb").write_bytes(signature)
    port = free_port()
    (root / "clamd.conf").write_text(f"DatabaseDirectory {root / 'db'}\nTCPSocket {port}\nTCPAddr 127.0.0.1\n"
                                     f"Foreground yes\nLogFile {root / 'clamd.log'}\nUser root\n{extra_conf}")
    process = subprocess.Popen([clamd, "-c", str(root / "clamd.conf")], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)

    def pong(sock):
        sock.sendall(b"zPING\0")
        return sock.recv(16).startswith(b"PONG")

    if not wait_for_port(port, process=process, timeout=60, ready=pong):
        process.kill()
        log = root / "clamd.log"
        pytest.fail(f"clamd did not start: {log.read_text()[-500:] if log.exists() else ''}")
    yield f"127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="session")
def clamd_server(tmp_path_factory):
    yield from _start_clamd(tmp_path_factory.mktemp("clamd"))


@pytest.fixture(scope="session")
def clamd_small_streams(tmp_path_factory):
    """clamd as shipped refuses streams above StreamMaxLength; here 1 MB, to test that."""
    yield from _start_clamd(tmp_path_factory.mktemp("clamd-small"), "StreamMaxLength 1M\n")
