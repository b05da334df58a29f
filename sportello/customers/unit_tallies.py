"""Keeping the ledger rollups exact: ledger.py counts every row it writes, in the same
transaction (under the company lock); rebuild() sums the ledger again from scratch."""

from collections import Counter

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from sportello.counters import add_to_counters

from .models import LedgerEntry, UnitBalance, UnitMonth

# A ticket's unit taken (-1) and given back (+1): their negated sum is what tickets used.
USED_BY_TICKETS = (LedgerEntry.Kind.CONSUME, LedgerEntry.Kind.REFUND)


def count_entries(entries):
    """Add ledger rows just written (model instances) to the balances and months."""
    balances, used, months, moved = Counter(), Counter(), Counter(), Counter()
    for entry in entries:
        balances[(entry.company_id, entry.package_id or 0)] += entry.units
        if entry.kind in USED_BY_TICKETS:
            used[(entry.company_id, entry.package_id or 0)] -= entry.units
        month = timezone.localdate(entry.created_at).replace(day=1)
        for company_id in (entry.company_id, 0):
            months[(company_id, month, entry.kind)] += entry.units
            moved[(company_id, month, entry.kind)] += 1
    add_to_counters(UnitBalance._meta.db_table, ("company_id", "package_id"), ("units", "used"),
                    [(*key, units, used[key]) for key, units in balances.items()])
    add_to_counters(UnitMonth._meta.db_table, ("company_id", "month", "kind"), ("units", "entries"),
                    [(*key, units, moved[key]) for key, units in months.items()])


def rebuild():
    """Sum the whole ledger again (grouped queries: the ledger is the truth)."""
    UnitBalance.objects.all().delete()
    UnitMonth.objects.all().delete()
    UnitBalance.objects.bulk_create(
        UnitBalance(company_id=row["company_id"], package_id=row["package_id"] or 0, units=row["left"],
                    used=-(row["used"] or 0))
        for row in LedgerEntry.objects.values("company_id", "package_id").annotate(
            left=Sum("units"), used=Sum("units", filter=Q(kind__in=USED_BY_TICKETS))).order_by())
    months = Counter()
    for row in (LedgerEntry.objects.annotate(month=TruncMonth("created_at")).values("company_id", "month", "kind")
                .annotate(units=Sum("units"), entries=Count("id")).order_by()):
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        for company_id in (row["company_id"], 0):
            months[(company_id, month, row["kind"], "units")] += row["units"]
            months[(company_id, month, row["kind"], "entries")] += row["entries"]
    UnitMonth.objects.bulk_create(
        UnitMonth(company_id=c, month=m, kind=k, units=months[(c, m, k, "units")],
                  entries=months[(c, m, k, "entries")])
        for (c, m, k, what) in months if what == "units")
