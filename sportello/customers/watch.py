"""Package customers to watch: few units left, or a package about to expire, and the
day each is likely to run out. Read from the ledger rollups: the cost follows the
number of packages, never the number of tickets."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

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
    day = day or today()
    policy = PackagePolicy.current()
    valid = list(CompanyPackage.objects.valid_on(day).order_by().values_list("pk", "company_id", "valid_until"))
    left = {(c, p): u for c, p, u in UnitBalance.objects.filter(
        package_id__in=[0, *(pk for pk, _c, _u in valid)]).values_list("company_id", "package_id", "units")}
    balances = defaultdict(int)
    for (company_id, _package_id), units in left.items():
        balances[company_id] += units
    expiring = {}
    soon = day + timedelta(days=policy.expiry_notice_days)
    for pk, company_id, valid_until in sorted(valid, key=lambda p: p[2], reverse=True):
        units = left.get((company_id, pk), 0)
        if valid_until <= soon and units > 0:
            expiring[company_id] = Expiring(pk, valid_until, units)   # the first to expire wins
    customers = set(CompanyPackage.objects.order_by().values_list("company_id", flat=True).distinct())
    flagged = {pk for pk in customers if balances.get(pk, 0) <= policy.low_balance_threshold} | set(expiring)
    companies = list(Company.objects.filter(pk__in=flagged, is_active=True)) if flagged else []
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
