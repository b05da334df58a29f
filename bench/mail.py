"""Incoming mail throughput: messages parsed per second, and parsed + stored + routed.

    python bench/mail.py --messages 2000     # SQLite file in data/; DATABASE_URL for PostgreSQL

Uses the test corpus (Outlook and Gmail replies, HTML-only mail, attachments,
bounces, auto-replies, strangers) with a fresh Message-ID each time.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'data' / 'bench-mail.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sportello.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from sportello.accounts.models import User
    from sportello.customers import ledger
    from sportello.customers.models import Company, Contact, PackageProduct
    from sportello.mail.inbound import receive
    from sportello.mail.parsing import parse
    from sportello.mail.tests.mailcorpus import corpus_names, message
    from sportello.tickets.actions import TicketFields, open_ticket
    from sportello.tickets.models import RequestType

    call_command("migrate", verbosity=0)
    company, _ = Company.objects.get_or_create(customer_code="BENCHMAIL", defaults={
        "name": "Bench Mail S.r.l.", "vat_number": "01234560157"})
    product, _ = PackageProduct.objects.get_or_create(name="Pacchetto bench mail", defaults={"units": 10_000_000})
    if not ledger.available_units(company):
        ledger.record_purchase(company=company, product=product, purchased_on=ledger.today(), by=None)
    for email in ("giulia@acme.test", "mario@acme.test", "luca@beta.test"):
        if not User.objects.filter(email=email).exists():
            user = User.objects.create_user(email, None, full_name=email.split("@")[0].title())
            Contact.objects.create(user=user, company=company, is_company_admin=True, phone="02 0000 0000")
    giulia = User.objects.get(email="giulia@acme.test")
    # Replies spread over many tickets, about ten each, as on a desk (not thousands on one).
    tickets = [open_ticket(company=company, contact=giulia, fields=TicketFields(
        request_type=RequestType.objects.first(), requester_name="Giulia", callback_phone="02",
        answer_email=giulia.email, subject=f"Bench {n}", description="Il programma non stampa il registro."))
        for n in range(max(1, args.messages // 10))]
    names = corpus_names()
    run = time.time_ns()
    batch = [unique(message(names[i % len(names)], ticket=tickets[i % len(tickets)]), f"b{run}-{i}")
             for i in range(args.messages)]

    started = time.perf_counter()
    for raw in batch:
        parse(raw)
    parsing = time.perf_counter() - started

    timings = []
    started = time.perf_counter()
    for raw in batch:
        one = time.perf_counter()
        receive(raw)
        timings.append((time.perf_counter() - one) * 1000)
    routing = time.perf_counter() - started
    timings.sort()
    print(f"\n{args.messages} messages on {connection.vendor} ({len(names)} kinds over {len(tickets)} tickets, attachments included)")
    print(f"parse only:              {args.messages / parsing:8.0f} messages/s")
    print(f"parse + store + route:   {args.messages / routing:8.0f} messages/s  "
          f"(median {statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * 0.95)]:.1f} ms)")
    reply_quality()


def unique(raw, mark):
    """The message as another one of its kind: its own Message-ID and MIME boundaries, as
    every real message has (the parser may not profit from lines it saw in the previous one)."""
    raw = raw.replace(b"Message-ID: <", f"Message-ID: <{mark}-".encode(), 1)
    for boundary in set(re.findall(rb'boundary="?([^";\r\n]+)', raw, re.IGNORECASE)):
        raw = raw.replace(boundary, boundary + f"-{mark}".encode())
    return raw


def reply_quality():
    """What the technician reads, on our own corpus of replies (sportello/mail/tests/reply_corpus.py)."""
    from collections import Counter

    from sportello.mail.parsing import parse
    from sportello.mail.tests.reply_corpus import cases

    def normal(text):
        return re.sub(r"[ \t]+\n", "\n", text.strip())

    exact, lost, by_family = 0, 0, Counter()
    corpus = cases()
    for case in corpus:
        shown = parse(case.raw).reply_text
        right = normal(shown) == normal(case.expected)
        exact += right
        by_family[case.name.split("-")[0], right] += 1
        lost += bool(set(re.findall(r"\w+", case.own_words.lower())) - set(re.findall(r"\w+", shown.lower())))
    print(f"\nreplies shown exactly right: {exact}/{len(corpus)} ({100 * exact / len(corpus):.0f}%); "
          f"replies with customer's words missing: {lost}")
    for family in sorted({family for family, _right in by_family}):
        right, wrong = by_family[family, True], by_family[family, False]
        print(f"  {family:10} {right}/{right + wrong}")


if __name__ == "__main__":
    main()
