"""People and contracts for the load test: companies with large packages and phone
contracts, customers, and technicians enrolled in two-step verification with a
known secret (the load test computes their codes). Writes the credentials as JSON."""

import json
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum import luhn

from sportello.accounts.models import User
from sportello.customers import ledger
from sportello.customers.models import Company, Contact, PackageProduct
from sportello.phone.models import PhoneContract
from sportello.sla import defaults as sla_defaults
from sportello.sla.models import Calendar, SlaPolicy, WorkingInterval
from sportello.tickets.defaults import ensure_defaults
from sportello.tickets.models import RequestType, TicketCounter

PASSWORD = "Carico-di-prova-2026"


def vat_number(n):
    """A valid Italian VAT number: a company number, office 001, and the check digit."""
    body = f"{n:07d}001"
    return body + luhn.calc_check_digit(body)   # partita IVA uses the Luhn check digit


class Command(BaseCommand):
    help = "Create the people the load test logs in as; print their credentials as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--companies", type=int, default=20)
        parser.add_argument("--customers", type=int, default=3, help="per company")
        parser.add_argument("--technicians", type=int, default=6)
        parser.add_argument("--output", required=True)

    def handle(self, *, companies, customers, technicians, output, **options):
        ensure_defaults(RequestType, TicketCounter)
        sla_defaults.ensure_defaults(Calendar, WorkingInterval, SlaPolicy, RequestType)
        product, _ = PackageProduct.objects.get_or_create(name="Pacchetto carico", defaults={"units": 100_000})
        people = {"password": PASSWORD, "customers": [], "technicians": [],
                  "request_types": [str(pk) for pk in RequestType.objects.filter(is_active=True)
                                    .values_list("pk", flat=True)]}
        with transaction.atomic():
            for n in range(companies):
                company = Company.objects.create(name=f"Azienda di carico {n:03d} S.r.l.", vat_number=vat_number(n + 1),
                                                 customer_code=f"L{n:05d}")
                ledger.record_purchase(company=company, product=product, purchased_on=ledger.today(), by=None)
                PhoneContract.objects.create(company=company, valid_from=ledger.today() - timedelta(days=1),
                                             valid_until=ledger.today() + timedelta(days=365))
                for m in range(customers):
                    user = User.objects.create_user(f"cliente{n:03d}.{m}@carico.test", PASSWORD,
                                                    full_name=f"Cliente {n}-{m}")
                    Contact.objects.create(user=user, company=company, phone="02 1234 5678", is_company_admin=m == 0)
                    people["customers"].append(user.email)
            for n in range(technicians):
                user = User.objects.create_user(f"tecnico{n}@carico.test", PASSWORD, full_name=f"Tecnico {n}",
                                                role=User.Role.TECHNICIAN, two_factor_enabled=True)
                device = TOTPDevice.objects.create(user=user, name="Carico", confirmed=True, tolerance=2)
                people["technicians"].append({"email": user.email, "key": device.key})
        with open(output, "w") as handle:
            json.dump(people, handle)
        self.stdout.write(f"{len(people['customers'])} customers and {technicians} technicians in {output}")
