"""Shared test personas: a story is easier to read than a fixture soup.

Acme S.r.l.: Mario (company administrator) and Giulia (contact).
Beta S.p.A.: Luca (company administrator).
Staff: Anna and Paolo (technicians), Silvia (supervisor).
"""

import os
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
        return User.objects.create_user(email, PASSWORD, full_name=name, role=role)

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


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
