"""An installation made with the first release, with data in it, upgrades to today's
schema by `migrate` and keeps everything (data migrations included)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from sportello.counters import histogram

OUR_APPS = ["accounts", "customers", "tickets", "mail", "sla", "phone", "scheduler", "search", "reports", "outbox",
            "api", "releases", "kb"]
# The schema of the first release (commit d2e806c): the apps added later did not exist.
FIRST_RELEASE = [("accounts", "0001_initial"), ("customers", "0001_initial"), ("tickets", "0002_defaults"),
                 ("mail", "0001_initial"), ("scheduler", "0001_initial"), ("sla", None), ("phone", None),
                 ("search", None), ("reports", None), ("outbox", None), ("api", None), ("releases", None),
                 ("kb", None)]

pytestmark = pytest.mark.django_db(transaction=True)


def todays_schema():
    """The newest migration of each of our apps, as `migrate_to` takes them."""
    return [node for node in MigrationExecutor(connection).loader.graph.leaf_nodes() if node[0] in OUR_APPS]


def migrate_to(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state([t for t in targets if t[1]]).apps


def test_a_first_release_database_with_data_migrates_to_today():
    latest = todays_schema()
    old = migrate_to(FIRST_RELEASE)

    User = old.get_model("accounts", "User")
    Company, Contact = old.get_model("customers", "Company"), old.get_model("customers", "Contact")
    RequestType, Ticket = old.get_model("tickets", "RequestType"), old.get_model("tickets", "Ticket")
    Message, Event = old.get_model("tickets", "Message"), old.get_model("tickets", "Event")
    OutboundMail = old.get_model("mail", "OutboundMail")
    users = [User.objects.create(email=f"persona{n}@acme.test", full_name=f"Persona {n}", password="!") for n in
             range(3)]
    technician = User.objects.create(email="tecnico@sportello.test", full_name="Tecnico", password="!",
                                     role="technician")
    acme = Company.objects.create(name="Acme S.r.l.", vat_number="01234560157", customer_code="C0001")
    Contact.objects.create(user=users[0], company=acme, phone="+39 02 1234 5678", is_company_admin=True)
    kind = RequestType.objects.create(name="Vecchio tipo")
    now = timezone.now()
    tickets = []
    for n, status in enumerate(["new", "open", "resolved", "closed"]):
        ticket = Ticket.objects.create(
            code=f"TK{100001 + n:06d}", company=acme, contact=users[0], request_type=kind, requester_name="Persona 0",
            callback_phone="02 1234 5678", answer_email="persona0@acme.test", subject=f"Richiesta {n}",
            description="Testo", status=status, assignee=technician if status != "new" else None, created_at=now,
            updated_at=now)
        Event.objects.create(ticket=ticket, kind="created", new_value="web", created_at=now)
        Message.objects.create(ticket=ticket, author=technician, body="Risposta", created_at=now)
        tickets.append(ticket.pk)
    OutboundMail.objects.create(ticket_id=tickets[0], template="ticket_opened", to=["persona0@acme.test"],
                                subject="Ricevuto", body_text="Grazie", message_id="<old-1@sportello.example>")
    old.get_model("tickets", "TicketCounter").objects.update_or_create(name="ticket", defaults={"value": 100004})

    new = migrate_to(latest)
    # Numbering goes on after the last code (PostgreSQL's sequence starts there).
    from django.db import transaction

    from sportello.tickets.models import allocate_ticket_numbers

    with transaction.atomic():
        assert allocate_ticket_numbers(1) == [100005]

    NewTicket = new.get_model("tickets", "Ticket")
    assert list(NewTicket.objects.order_by("code").values_list("code", "status", "is_live")) == [
        ("TK100001", "new", True), ("TK100002", "open", True), ("TK100003", "resolved", False),
        ("TK100004", "closed", False)]
    # The later apps' data migrations ran (the office calendar); the old request type is kept.
    assert new.get_model("tickets", "RequestType").objects.filter(name="Vecchio tipo").exists()
    assert new.get_model("sla", "Calendar").objects.exists()
    NewUser = new.get_model("accounts", "User")
    salts = set(NewUser.objects.values_list("session_salt", flat=True))
    assert len(salts) == NewUser.objects.count() == 4   # every account its own
    assert new.get_model("customers", "Contact").objects.get().phone_key.endswith("12345678")
    # The outbox moved to its own app with its table and rows.
    mail = new.get_model("outbox", "OutboundMail").objects.get()
    assert (mail.state, mail.claimed_by, mail.message_id) == ("pending", "", "<old-1@sportello.example>")
    assert new.get_model("tickets", "Message").objects.count() == 4
    # The old tickets are searchable after the upgrade (filled once, after migrate).
    from sportello.search.apps import fill_empty_index

    fill_empty_index(sender=None)
    from sportello.search.engines import engine

    assert not engine().is_empty()
    # And counted in the reports, the ledger too (filled once, after migrate).
    from sportello.customers.apps import fill_empty_balances
    from sportello.reports.apps import fill_empty_rollups
    from sportello.reports.models import LiveTally

    fill_empty_rollups(sender=None)
    fill_empty_balances(sender=None)
    assert dict(LiveTally.objects.filter(dimension="all").values_list("status", "count")) == {
        "new": 1, "open": 1, "resolved": 1, "closed": 1}


def test_contracts_written_before_products_existed_name_a_product_after_the_upgrade():
    latest = todays_schema()
    old = migrate_to([("releases", None), ("kb", None), ("customers", "0006_contracts")])
    acme = old.get_model("customers", "Company").objects.create(name="Acme S.r.l.", vat_number="01234560157",
                                                                customer_code="C0001")
    Contract = old.get_model("customers", "Contract")
    for kind, product in [("maintenance", "Omnia Contabilità"), ("licence", "Omnia Contabilità"),
                          ("licence", "Omnia Paghe")]:
        Contract.objects.create(company=acme, kind=kind, product=product, valid_from="2026-01-01",
                                valid_until="2026-12-31")
    new = migrate_to(latest)
    contracts = new.get_model("customers", "Contract").objects.order_by("pk")
    assert [c.product.name for c in contracts] == ["Omnia Contabilità", "Omnia Contabilità", "Omnia Paghe"]
    assert new.get_model("customers", "SoftwareProduct").objects.count() == 2


def test_package_balances_learn_what_tickets_used_on_upgrade():
    latest = todays_schema()
    old = migrate_to([("releases", None), ("kb", None), ("customers", "0009_contract_product_required")])
    acme = old.get_model("customers", "Company").objects.create(name="Acme S.r.l.", vat_number="01234560157",
                                                                customer_code="C0001")
    product = old.get_model("customers", "PackageProduct").objects.create(name="Dieci", units=10, validity_months=12)
    package = old.get_model("customers", "CompanyPackage").objects.create(
        company=acme, product=product, units=10, purchased_on="2026-01-01", valid_from="2026-01-01",
        valid_until="2026-12-31")
    Entry = old.get_model("customers", "LedgerEntry")
    moves = [("purchase", 10, package), *[("consume", -1, package)] * 3, ("refund", 1, package),
             ("adjust", 2, None), ("consume", -1, None)]
    for kind, units, on in moves:
        Entry.objects.create(company=acme, package=on, kind=kind, units=units)
    Balance = old.get_model("customers", "UnitBalance")   # as the ledger kept it before this upgrade
    Balance.objects.create(company_id=acme.pk, package_id=package.pk, units=8)
    Balance.objects.create(company_id=acme.pk, package_id=0, units=1)

    new = migrate_to(latest)
    balances = new.get_model("customers", "UnitBalance").objects.order_by("package_id")
    assert [(b.package_id, b.units, b.used) for b in balances] == [(0, 1, 1), (package.pk, 8, 2)]


def test_customers_live_counts_are_filled_on_upgrade():
    latest = todays_schema()
    from sportello.accounts.models import User
    from sportello.customers.models import Company
    from sportello.tickets.models import RequestType, Ticket

    old = migrate_to([("reports", "0002_medians_and_topic_warnings")])   # the other apps stay as today
    TicketTally = old.get_model("reports", "TicketTally")
    giulia = User.objects.create_user("giulia@acme.test", None, full_name="Giulia")
    acme = Company.objects.create(name="Acme S.r.l.", vat_number="01234560157", customer_code="C0001")
    kind = RequestType.objects.create(name="Vecchio tipo")
    now = timezone.now()
    for n, (status, contact) in enumerate([("new", giulia), ("new", giulia), ("closed", giulia), ("new", None)]):
        ticket = Ticket.objects.create(code=f"TK{100001 + n:06d}", company=acme, contact=contact, request_type=kind,
                                       subject="Richiesta", description="Testo", status=status, created_at=now,
                                       updated_at=now)
        TicketTally.objects.create(ticket_id=ticket.pk, company_id=acme.pk, request_type_id=kind.pk, technician_id=0,
                                   channel="web", status=status, created_day=now.date())

    new = migrate_to(latest)
    live = new.get_model("reports", "LiveTally").objects.filter(dimension="contact")
    assert sorted(live.values_list("key", "status", "count")) == [
        (f"{acme.pk}-{giulia.pk}", "closed", 1), (f"{acme.pk}-{giulia.pk}", "new", 2)]
    tallies = new.get_model("reports", "TicketTally").objects.order_by("ticket_id")
    assert list(tallies.values_list("contact_id", flat=True)) == [giulia.pk, giulia.pk, giulia.pk, 0]


def test_company_years_are_added_up_from_the_months_on_upgrade():
    latest = todays_schema()
    old = migrate_to([("reports", "0003_contact_live_counts")])
    Tally = old.get_model("reports", "Tally")
    for dimension, key, period, created, answered in [
            ("company", "7", "2025-11-01", 3, 2), ("company", "7", "2026-01-01", 4, 1), ("company", "7", "2026-02-01", 5, 5),
            ("company", "8", "2026-02-01", 1, 0), ("all", "", "2026-02-03", 9, 9)]:
        Tally.objects.create(dimension=dimension, key=key, period=period, created=created, answered=answered,
                             answer_minutes=10 * answered)

    new = migrate_to(latest)
    years = new.get_model("reports", "Tally").objects.filter(dimension="company_year").order_by("key", "period")
    assert [(t.key, str(t.period), t.created, t.answered, t.answer_minutes) for t in years] == [
        ("7", "2025-01-01", 3, 2, 20), ("7", "2026-01-01", 9, 6, 60), ("8", "2026-01-01", 1, 0, 0)]


def test_minutes_histograms_are_packed_one_row_per_slice_on_upgrade():
    latest = todays_schema()
    old = migrate_to([("reports", "0004_company_years")])
    MinutesTally = old.get_model("reports", "MinutesTally")
    for dimension, grain, period, key, measure, bucket, count in [
            ("company", "year", "2026-01-01", "7", "answer", 0, 2), ("company", "year", "2026-01-01", "7", "answer", 45, 3),
            ("company", "year", "2026-01-01", "7", "resolution", 480, 1),
            ("company", "year", "2026-01-01", "7", "resolution", 960, 0),
            ("company", "month", "2026-02-01", "7", "answer", 45, 3), ("all", "month", "2026-02-01", "", "answer", 5, 1)]:
        MinutesTally.objects.create(dimension=dimension, grain=grain, period=period, key=key, measure=measure,
                                    bucket=bucket, count=count)

    new = migrate_to(latest)
    rows = new.get_model("reports", "MinutesHistogram").objects.order_by("dimension", "grain", "period", "measure")
    assert [(r.dimension, r.grain, str(r.period), r.key, r.measure, histogram(r.counts)) for r in rows] == [
        ("all", "month", "2026-02-01", "", "answer", {5: 1}),
        ("company", "month", "2026-02-01", "7", "answer", {45: 3}),
        ("company", "year", "2026-01-01", "7", "answer", {0: 2, 45: 3}),
        ("company", "year", "2026-01-01", "7", "resolution", {480: 1})]
