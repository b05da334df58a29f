"""The ledger rollups, counted row by row, equal the ledger summed from scratch after
any sequence of openings, refunds, purchases, adjustments and expiries."""

from datetime import timedelta
from unittest import mock

from django.db.models import Q, Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.customers import ledger, unit_tallies
from sportello.customers.models import Company, LedgerEntry, PackagePolicy, PackageProduct, UnitBalance, UnitMonth
from sportello.customers.watch import packages_to_watch

OPERATIONS = ["open", "open", "refund", "buy", "add", "remove", "expire", "later"]


def snapshot():
    balances = {(b.company_id, b.package_id): (b.units, b.used) for b in UnitBalance.objects.all()}
    months = {(m.company_id, m.month, m.kind): (m.units, m.entries) for m in UnitMonth.objects.all()}
    return ({k: v for k, v in balances.items() if v != (0, 0)}, {k: v for k, v in months.items() if v != (0, 0)})


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 9)), min_size=4, max_size=25))
def test_counted_balances_equal_the_ledger(people, open_ticket_for, steps):
    small = PackageProduct.objects.get_or_create(name="Tre ticket", defaults={"units": 3, "validity_months": 1})[0]
    now = [timezone.now()]
    tickets = []
    with mock.patch("django.utils.timezone.now", lambda: now[0]):
        for operation, pick in steps:
            company = people.acme if pick % 2 else people.beta
            try:
                if operation == "open":
                    tickets.append(open_ticket_for(people.giulia if pick % 2 else people.luca))
                elif operation == "refund" and tickets:
                    ledger.refund_unit(ticket=tickets[pick % len(tickets)], reason="mistake", by=people.silvia)
                elif operation == "buy":
                    ledger.record_purchase(company=company, product=small, purchased_on=ledger.today(),
                                           by=people.silvia)
                elif operation in ("add", "remove"):
                    ledger.adjust_units(company=company, units=pick + 1 if operation == "add" else -(pick + 1),
                                        reason="Correzione", by=people.silvia)
                elif operation == "expire":
                    ledger.expire_packages()
                elif operation == "later":
                    now[0] += timedelta(days=7 * pick + 1)   # across months, past short packages' end
            except (ledger.LedgerRefused, ledger.NoUnitsLeft):
                pass
    counted = snapshot()
    truth = {(c, p or 0): (u, -(used or 0)) for c, p, u, used in LedgerEntry.objects.values_list("company_id", "package_id")
             .annotate(u=Sum("units"), used=Sum("units", filter=Q(kind__in=["consume", "refund"])))
             .values_list("company_id", "package_id", "u", "used").order_by() if (u, used or 0) != (0, 0)}
    assert counted[0] == truth
    for company in (people.acme, people.beta):   # as the company card shows them
        shown = ledger.company_balance(company)
        assert {state.package.pk: (state.left, state.used) for state in shown.packages
                if (state.left, state.used) != (0, 0)} == {
            p: v for (c, p), v in truth.items() if c == company.pk and p}
    assert watched(packages_to_watch()) == watched_by_summing_the_ledger()
    unit_tallies.rebuild()
    assert snapshot() == counted


def watched(rows):
    return {row.company.pk: (row.balance, row.expiring.package_id if row.expiring else None) for row in rows}


def watched_by_summing_the_ledger():
    """The watch list the slow way: every company's ledger summed, package by package."""
    day, policy = ledger.today(), PackagePolicy.current()
    rows = {}
    for company in Company.objects.filter(is_active=True, packages__isnull=False).distinct():
        valid = list(company.packages.valid_on(day).order_by("valid_until", "pk"))
        left = {p.pk: company.ledger.filter(package=p).aggregate(n=Sum("units"))["n"] or 0 for p in valid}
        credit = company.ledger.filter(package=None).aggregate(n=Sum("units"))["n"] or 0
        balance = credit + sum(left.values())
        expiring = [p.pk for p in valid if left[p.pk] > 0
                    and p.valid_until <= day + timedelta(days=policy.expiry_notice_days)]
        if balance <= policy.low_balance_threshold or expiring:
            rows[company.pk] = (max(balance, 0), expiring[0] if expiring else None)
    return rows


def test_the_watch_list_forecasts_when_units_run_out(people, open_ticket_for):
    ledger.adjust_units(company=people.beta, units=-95, reason="Quasi finito", by=people.silvia,
                        package=people.beta.packages.get())
    for _ in range(3):
        open_ticket_for(people.luca)
    rows = {row.company: row for row in packages_to_watch()}
    beta = rows[people.beta]
    assert beta.balance == 2 and people.acme not in rows
    assert beta.daily_use > 0 and beta.runs_out_on >= ledger.today()
