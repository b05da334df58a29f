"""Package customers to watch: few units left, or a package about to expire, and the
day each is likely to run out. Read from the ledger rollups: the cost follows the
number of packages, never the number of tickets."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from .ledger import today
from .models import Company, CompanyPackage, LedgerEntry, PackagePolicy, UnitBalance, UnitMonth

FORECAST_DAYS = 90


@dataclass
class Watched:
    company: Company
    balance: int
    expiring: CompanyPackage | None   # with .left set
    daily_use: float                  # units per day over the last 90 days
    runs_out_on: date | None


def packages_to_watch(*, day=None) -> list[Watched]:
    day = day or today()
    policy = PackagePolicy.current()
    valid = list(CompanyPackage.objects.valid_on(day).only("pk", "company_id", "valid_until", "units"))
    left = dict(((c, p), u) for c, p, u in UnitBalance.objects.filter(
        package_id__in=[0, *(p.pk for p in valid)]).values_list("company_id", "package_id", "units"))
    balances = defaultdict(int)
    for (company_id, _package_id), units in left.items():
        balances[company_id] += units
    expiring = {}
    for package in sorted(valid, key=lambda p: p.valid_until, reverse=True):
        package.left = left.get((package.company_id, package.pk), 0)
        if package.valid_until <= day + timedelta(days=policy.expiry_notice_days) and package.left > 0:
            expiring[package.company_id] = package   # the first to expire wins
    customers = set(CompanyPackage.objects.order_by().values_list("company_id", flat=True).distinct())
    flagged = {pk for pk in customers if balances.get(pk, 0) <= policy.low_balance_threshold} | set(expiring)
    companies = Company.objects.filter(pk__in=flagged, is_active=True)
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
