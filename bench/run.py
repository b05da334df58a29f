"""Server-side timings of the busiest pages at a given number of tickets.

    python bench/run.py --tickets 100000          # SQLite file in data/
    DATABASE_URL=postgres://... python bench/run.py --tickets 1000000

Generates the tickets once (reused on later runs), then renders each page through
Django's test client and prints median and p95 time and the SQL query count.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'data' / f'bench-{args.tickets}.sqlite3'}")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sportello.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import sportello.wsgi  # noqa: F401 -- the server's start-up, as each gunicorn process does it
    from sportello.accounts.models import User
    from sportello.customers.models import Contact
    from sportello.tickets.models import Ticket

    call_command("migrate", verbosity=0)
    missing = args.tickets - Ticket.objects.count()
    if missing > 0:
        print(f"Generating {missing} tickets…")
        call_command("generate_tickets", missing)

    technician = User.objects.filter(role=User.Role.TECHNICIAN).first()
    admin = Contact.objects.filter(is_company_admin=True, company__customer_code__startswith="G").first()
    contact = Contact.objects.filter(is_company_admin=False, company__customer_code__startswith="G").first()
    ticket = Ticket.objects.filter(status="open").order_by("-id").first()
    deep = Ticket.objects.filter(company_id=admin.company_id).order_by("id").values_list("id", flat=True)[50]

    supervisor = User.objects.filter(role=User.Role.SUPERVISOR).first() or User.objects.create_user(
        "supervisore.bench@sportello.example", None, full_name="Supervisore Bench", role=User.Role.SUPERVISOR)
    staff, boss, plain, chief = Client(), Client(), Client(), Client()
    verified_login(staff, technician)
    verified_login(chief, supervisor)
    boss.force_login(admin.user)
    plain.force_login(contact.user)
    company = admin.company
    code_prefix = ticket.code[:5]
    searches = [
        ("search: word in 1% of tickets", staff, "/console/search/?q=ammortamento+stato:chiuso"),
        ("search: rare word in a message", staff, "/console/search/?q=quarzo"),
        ("search: company name", staff, f"/console/search/?q={company.name.split()[1]}+stato:nuovo"),
        ("search: code prefix", staff, f"/console/search/?q=codice:{code_prefix[2:]}+stato:aperto"),
        ("search: two-word phrase", staff, "/console/search/?q=%22registro+iva%22+stato:nuovo"),
        ("search: two words, no filter", staff, "/console/search/?q=fattura+elettronica"),
        ("portal search (company admin)", boss, "/portal/search/?q=stampa"),
    ]
    pages = [
        ("console queue", staff, "/console/"),
        ("console my tickets", staff, "/console/mine/"),
        ("console all tickets", staff, "/console/tickets/"),
        ("console all, closed filter", staff, "/console/tickets/?status=closed"),
        ("console ticket page", staff, f"/console/tickets/{ticket.code}/"),
        ("similar tickets and guides (panel)", staff, f"/console/tickets/{ticket.code}/similar/"),
        ("portal list (company admin)", boss, "/portal/"),
        ("portal list, deep page", boss, f"/portal/?before={deep}"),
        ("portal list (contact)", plain, "/portal/"),
        ("portal ticket page", boss, f"/portal/tickets/{Ticket.objects.filter(company_id=admin.company_id).first().code}/"),
        *searches,
        ("dashboard (supervisor)", chief, "/console/dashboard/"),
        ("report: year by request type", chief, "/console/reports/?period=year"),
        ("report: year by company", chief, "/console/reports/?period=year&by=company"),
        ("report: year by technician", chief, "/console/reports/?period=year&by=technician"),
        ("service levels (12 months)", chief, "/console/service-levels/"),
        ("packages to watch", chief, "/console/packages/attention/"),
        ("companies list", chief, "/console/companies/"),
        ("company card", chief, f"/console/companies/{company.pk}/"),
        ("audit log", chief, "/console/audit/"),
        ("call-backs", staff, "/console/callbacks/"),
        ("mail to sort", chief, "/console/mail/triage/"),
        ("portal packages (company admin)", boss, "/portal/packages/"),
    ]
    vendor = connection.vendor
    print(f"\n{Ticket.objects.count():,} tickets on {vendor}; {args.runs} runs per page\n")
    print(f"{'page':36} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for name, client, url in pages:
        for _ in range(3):
            assert client.get(url).status_code == 200, url
        timings = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(f"{name:36} {statistics.median(timings):10.1f} {p95:8.1f} {len(queries):8d}")


def verified_login(client, user):
    """A staff session that has passed two-step verification, as the console requires."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Bench", confirmed=True)
    user.two_factor_enabled = True
    user.save(update_fields=["two_factor_enabled"])
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


if __name__ == "__main__":
    main()
