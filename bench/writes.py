"""Tickets opened per second through the portal form, from concurrent clients.

    python bench/writes.py [--tickets 3000] [--clients 8] [--processes 2] [--threads 1]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/writes.py

Builds a fresh database (a SQLite file in data/, or a new PostgreSQL database next to
the one DATABASE_URL names), seeds companies with a package each and a logged-in
contact per company, starts gunicorn as production would, and lets each client post
the real new-ticket form (CSRF token included) until the count is reached. Prints
tickets per second, latency and errors, then checks what must hold afterwards: one
unit consumed per ticket, every company's ledger balancing with its balance rollup,
no code used twice, one confirmation e-mail per ticket in the outbox, the live
counters equal to a recount.
"""

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sportello.testing import free_port, wait_for_port  # noqa: E402

DESCRIPTIONS = [
    "Quando stampo il registro IVA di ottobre il programma si chiude senza alcun messaggio di errore.",
    "La fattura elettronica numero 112 viene scartata dal Sistema di Interscambio con codice 00305.",
    "Il backup notturno non termina e il disco del server risulta quasi pieno da due giorni.",
    "Il nuovo collega dell'amministrazione non riesce ad accedere all'azienda principale dello studio.",
    "La liquidazione IVA del terzo trimestre riporta un importo diverso da quello del registro.",
    "The export of the trial balance to Excel stops at 60% with an unknown error.",
]
SUBJECTS = ["Stampa registro IVA", "Fattura scartata dallo SdI", "Backup non completato",
            "Accesso negato a un collega", "Liquidazione IVA errata", "Export to Excel fails"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tickets", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--companies", type=int, default=200)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn process")
    args = parser.parse_args()

    database = fresh_database()
    os.environ.update(DATABASE_URL=database, ALLOWED_HOSTS="127.0.0.1", DJANGO_SETTINGS_MODULE="sportello.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    sessions = seed(args.companies)
    connection.close()

    port = free_port()
    web = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "sportello.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.processes), "--threads", str(args.threads), "--backlog", "2048",
         "--keep-alive", "30", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)
    try:
        if not wait_for_port(port, process=web, timeout=60):
            sys.exit("gunicorn did not start")
        results = post_tickets(port, sessions, args.tickets, args.clients)
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(30)
    report(results, args, connection.vendor)
    failures = check_invariants(results["codes"])
    for failure in failures:
        print("INVARIANT BROKEN:", failure)
    sys.exit(1 if failures or results["errors"] else 0)


def fresh_database():
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith("postgres"):
        import psycopg

        parts = urlsplit(configured)
        with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS sportello_bench_writes WITH (FORCE)")
            admin.execute("CREATE DATABASE sportello_bench_writes")
        return parts._replace(path="/sportello_bench_writes").geturl()
    path = ROOT / "data" / "bench-writes.sqlite3"
    path.parent.mkdir(exist_ok=True)
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    return f"sqlite:///{path}"


def seed(companies):
    """Companies with a package of units and one contact each; returns their session keys
    (as if each had logged in: the bench measures opening tickets, not password hashing)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from stdnum import luhn

    from sportello.accounts.models import User
    from sportello.customers import ledger
    from sportello.customers.models import Company, Contact, PackageProduct

    product = PackageProduct.objects.create(name="Pacchetto 1000 ticket", units=1000, validity_months=12)
    keys = []
    for n in range(1, companies + 1):
        base = f"{n:07d}002"
        company = Company.objects.create(name=f"Studio {n:04d} S.r.l.", customer_code=f"W{n:05d}",
                                         vat_number=base + luhn.calc_check_digit(base))
        ledger.record_purchase(company=company, product=product, by=None, purchased_on=timezone.localdate())
        user = User.objects.create_user(f"contatto{n}@studio{n}.example", None, full_name=f"Contatto {n}")
        Contact.objects.create(user=user, company=company, phone="02 1234 5678")
        session = SessionStore()
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def post_tickets(port, sessions, total, clients):
    """Each client takes the form once (CSRF token), then posts it for its share of sessions."""
    lock, latencies, errors, codes = threading.Lock(), [], [], []
    remaining = [total]

    def client(number):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = sessions[number::clients]
        cookie = f"sessionid={mine[0]}"
        conn.request("GET", "/portal/tickets/new/", headers={"Cookie": cookie})
        page = conn.getresponse()
        csrf_cookie = SimpleCookie(page.getheader("Set-Cookie"))["csrftoken"].value
        html = page.read().decode()
        if page.status != 200:
            with lock:
                errors.append(f"the form answered {page.status} {page.getheader('Location')}")
            return
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        request_type = re.search(r'<option value="(\d+)"', html).group(1)
        turn = 0
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            n = turn % len(DESCRIPTIONS)
            body = urlencode({"csrfmiddlewaretoken": token, "request_type": request_type,
                              "requester_name": "Contatto del cliente", "callback_phone": "02 1234 5678",
                              "answer_email": "amministrazione@studio.example", "subject": SUBJECTS[n],
                              "description": DESCRIPTIONS[n]})
            headers = {"Cookie": f"sessionid={mine[turn % len(mine)]}; csrftoken={csrf_cookie}",
                       "Content-Type": "application/x-www-form-urlencoded",
                       "Referer": f"http://127.0.0.1:{port}/portal/tickets/new/"}
            turn += 1
            started = time.perf_counter()
            try:
                conn.request("POST", "/portal/tickets/new/", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                with lock:
                    errors.append(repr(error))
                continue
            elapsed = time.perf_counter() - started
            location = response.getheader("Location") or ""
            with lock:
                if response.status == 302 and "/portal/tickets/TK" in location:
                    latencies.append(elapsed)
                    codes.append(location.rstrip("/").rsplit("/", 1)[1])
                else:
                    errors.append(f"HTTP {response.status} {location}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    return {"seconds": time.perf_counter() - started, "latencies": latencies, "errors": errors, "codes": codes}


def report(results, args, vendor):
    latencies = sorted(results["latencies"])
    done = len(latencies)
    p95 = latencies[min(done - 1, int(done * 0.95))] * 1000 if done else 0
    print(f"\n{vendor}: {done} tickets opened through the portal form by {args.clients} clients, "
          f"gunicorn {args.processes} processes x {args.threads} threads, {os.cpu_count()} cores")
    print(f"  {done / results['seconds']:.0f} tickets/s   median {statistics.median(latencies) * 1000 if done else 0:.1f} ms"
          f"   p95 {p95:.1f} ms   errors {len(results['errors'])}")
    for error in sorted(set(results["errors"]))[:5]:
        print("   ", error)


def check_invariants(codes):
    from django.db.models import Count, Sum

    from sportello.customers.models import LedgerEntry, UnitBalance
    from sportello.outbox.models import OutboundMail
    from sportello.reports.models import LiveTally
    from sportello.tickets.models import Ticket

    failures = []
    tickets = Ticket.objects.all()
    if len(set(codes)) != len(codes):
        failures.append("a code was answered twice")
    if tickets.count() != len(codes) or tickets.values("code").distinct().count() != len(codes):
        failures.append(f"{tickets.count()} tickets stored for {len(codes)} answered")
    consumed = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.CONSUME).values("ticket_id").annotate(n=Count("id"))
    if consumed.count() != len(codes) or consumed.filter(n__gt=1).exists():
        failures.append("not exactly one unit per ticket")
    ledger = dict(LedgerEntry.objects.values_list("company_id").annotate(Sum("units")))
    balances = dict(UnitBalance.objects.values_list("company_id").annotate(Sum("units")))
    if ledger != {k: v for k, v in balances.items() if k in ledger}:
        failures.append("a company's balance rollup differs from its ledger")
    if OutboundMail.objects.count() != len(codes):
        failures.append(f"{OutboundMail.objects.count()} confirmation e-mails for {len(codes)} tickets")
    live = LiveTally.objects.filter(dimension="all", status=Ticket.Status.NEW).aggregate(n=Sum("count"))["n"]
    if live != len(codes):
        failures.append(f"live counter says {live} new tickets, there are {len(codes)}")
    print("Invariants:", "all hold" if not failures else f"{len(failures)} broken")
    return failures


if __name__ == "__main__":
    main()
