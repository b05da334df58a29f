"""Package customers to watch: few units left, or a package about to expire, and the
day each is likely to run out. Read from the ledger rollups: the database picks the
flagged companies out of the balances, so the cost never follows the number of tickets
and Python only handles the few companies shown."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, Sum

from .ledger import today
from .models import Company, CompanyPackage, LedgerEntry, PackagePolicy, UnitBalance, UnitMonth

FORECAST_DAYS = 90


@dataclass(frozen=True)
class Expiring:
    package_id: int
    valid_until: date
    left: int


@dataclass
class Watched:
    company: Company
    balance: int
    expiring: Expiring | None
    daily_use: float                  # units per day over the last 90 days
    runs_out_on: date | None


def packages_to_watch(*, day=None) -> list[Watched]:
    """Customers with few units left (packages valid today plus credit) or a package
    expiring soon. The database picks them out, so Python only sees the flagged few."""
    day = day or today()
    policy = PackagePolicy.current()
    valid = CompanyPackage.objects.valid_on(day)
    usable = UnitBalance.objects.filter(Q(package_id=0) | Q(package_id__in=valid.values("pk"))).order_by()
    healthy = (usable.values("company_id").annotate(units=Sum("units"))
               .filter(units__gt=policy.low_balance_threshold).values("company_id"))
    low = set(Company.objects.filter(pk__in=CompanyPackage.objects.values("company_id"), is_active=True)
              .exclude(pk__in=healthy).values_list("pk", flat=True))
    soon = list(valid.filter(valid_until__lte=day + timedelta(days=policy.expiry_notice_days))
                .filter(pk__in=UnitBalance.objects.filter(units__gt=0).values("package_id"))
                .values_list("pk", "company_id", "valid_until"))
    flagged = low | {company_id for _pk, company_id, _until in soon}
    if not flagged:
        return []
    left = {(c, p): u for c, p, u in usable.filter(company_id__in=flagged).values_list(
        "company_id", "package_id", "units")}
    balances = defaultdict(int)
    for (company_id, _package_id), units in left.items():
        balances[company_id] += units
    expiring = {}
    for pk, company_id, valid_until in sorted(soon, key=lambda p: (p[2], p[0]), reverse=True):
        expiring[company_id] = Expiring(pk, valid_until, left[(company_id, pk)])   # the first to expire wins
    companies = list(Company.objects.filter(pk__in=flagged, is_active=True))
    use = daily_use([c.pk for c in companies], day)
    rows = []
    for company in companies:
        balance, rate = max(balances.get(company.pk, 0), 0), use.get(company.pk, 0.0)
        runs_out = day + timedelta(days=int(balance / rate)) if rate and balance else (day if not balance else None)
        rows.append(Watched(company=company, balance=balance, expiring=expiring.get(company.pk), daily_use=rate,
                            runs_out_on=runs_out))
    rows.sort(key=lambda row: (row.balance, row.company.name))
    return rows


def daily_use(company_ids, day):
    """Units consumed per day, net of refunds, over the months covering the last 90 days."""
    first = (day - timedelta(days=FORECAST_DAYS)).replace(day=1)
    spent = defaultdict(int)
    for company_id, units in UnitMonth.objects.filter(
            company_id__in=company_ids, month__gte=first,
            kind__in=[LedgerEntry.Kind.CONSUME, LedgerEntry.Kind.REFUND]).values_list("company_id", "units"):
        spent[company_id] -= units
    days = (day - first).days + 1
    return {company_id: max(units, 0) / days for company_id, units in spent.items()}
