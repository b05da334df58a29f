"""Ticket units: balances from the ledger, and every movement that changes them.

Every function that writes takes the company row lock first (SELECT … FOR NO KEY
UPDATE; on SQLite the IMMEDIATE transaction already holds the database write lock),
then reads the balance, then writes. So two openings, refunds or adjustments of the
same company never both see the same last unit.

Lock order, everywhere: the company, then the ticket counter (SQLite only: PostgreSQL
numbers from a sequence), then tickets, then the rollups' counters (one statement per
table, in key order, at the end of the transaction). Every row lock of ours is a NO KEY
lock: a transaction that only inserts rows pointing at a locked company or ticket
(its foreign-key check at commit takes KEY SHARE) never waits for it, so it cannot
close a cycle while it holds counters others need.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportello.accounts import audit
from sportello.outbox.models import WebhookEvent
from sportello.outbox.webhooks import queue_event
from sportello.refusals import Refused

from . import unit_tallies
from .models import Company, CompanyPackage, LedgerEntry, PackageProduct, UnitBalance


class NoUnitsLeft(Exception):
    """The company has no usable ticket unit."""


class LedgerRefused(Refused):
    pass


class RefundReason:
    DUPLICATE = "duplicate"
    VENDOR_DEFECT = "vendor_defect"
    MISTAKE = "mistake"
    OTHER = "other"
    CHOICES = [
        (DUPLICATE, _("Duplicate ticket")),
        (VENDOR_DEFECT, _("Defect of our software")),
        (MISTAKE, _("Opened by mistake")),
        (OTHER, _("Other reason")),
    ]


def _write(**fields):
    """Every ledger row is written here, and counted in the balances in the same transaction."""
    entry = LedgerEntry.objects.create(**fields)
    unit_tallies.count_entries([entry])
    return entry


def today() -> date:
    return timezone.localdate()


def lock_company(company):
    """Call inside atomic(), before locking any of the company's tickets: serialises
    every unit movement of one company."""
    return Company.objects.select_for_update(no_key=True).get(pk=company.pk)


def usable_units(company, *, day=None) -> dict:
    """Units left per usable package id (None = company credit), only where > 0. Read
    from the balance rollup, which _write() keeps in the ledger's own transaction: a
    company's history never has to be summed to open its next ticket."""
    day = day or today()
    valid = CompanyPackage.objects.filter(company=company).valid_on(day).values("pk")
    rows = (UnitBalance.objects.filter(company_id=company.pk, units__gt=0)
            .filter(Q(package_id=0) | Q(package_id__in=valid)).values_list("package_id", "units"))
    return {package_id or None: left for package_id, left in rows}


def available_units(company, *, day=None) -> int:
    return sum(usable_units(company, day=day).values())


def unit_to_consume(company):
    """The package the company's next unit comes from: the valid one that expires first
    (None: the company's credit). Call with lock_company() held. Raises NoUnitsLeft."""
    with_units = UnitBalance.objects.filter(company_id=company.pk, units__gt=0)
    package = (CompanyPackage.objects.filter(company=company, pk__in=with_units.values("package_id"))
               .valid_on(today()).select_related("product").order_by("valid_until", "pk").first())
    if package is None and not with_units.filter(package_id=0).exists():
        raise NoUnitsLeft
    return package


def consume_unit(*, ticket, package, by=None):
    """Take one unit for `ticket` from `package`, as unit_to_consume() chose it. Call in
    the atomic() that creates the ticket, under the same lock_company()."""
    return _write(company=ticket.company, package=package, kind=LedgerEntry.Kind.CONSUME, units=-1,
                  ticket=ticket, actor=by)


def refund_unit(*, ticket, reason, note="", by):
    """Give back the unit `ticket` consumed: to its package if still valid, otherwise
    as company credit (an adjustment). Refused if nothing was consumed or it was
    refunded already."""
    with transaction.atomic():
        company = lock_company(ticket.company)
        consumed = LedgerEntry.objects.filter(ticket=ticket, kind=LedgerEntry.Kind.CONSUME).select_related(
            "package").first()
        if consumed is None:
            raise LedgerRefused(_("This ticket did not use a package unit."))
        if LedgerEntry.objects.filter(ticket=ticket, kind__in=[LedgerEntry.Kind.REFUND, LedgerEntry.Kind.ADJUST]).exists():
            raise LedgerRefused(_("This ticket's unit has already been refunded."))
        label = dict(RefundReason.CHOICES).get(reason, reason)
        text = f"{label}: {note}".strip(": ") if note else str(label)
        package = consumed.package
        if package is not None and package.valid_until >= today() and not package.entries.filter(
                kind=LedgerEntry.Kind.EXPIRE).exists():
            entry = _write(company=company, package=package, kind=LedgerEntry.Kind.REFUND,
                                               units=1, ticket=ticket, reason=text[:250], actor=by)
        else:
            entry = _write(company=company, package=None, kind=LedgerEntry.Kind.ADJUST,
                                               units=1, ticket=ticket, reason=text[:250], actor=by)
        from sportello.tickets.models import Event

        ticket.events.create(kind=Event.Kind.REFUND, actor=by, new_value=text[:100])
    return entry


def record_purchase(*, company, product: PackageProduct, purchased_on, valid_from=None, units=None, notes="", by):
    valid_from = valid_from or purchased_on
    with transaction.atomic():
        company = lock_company(company)
        package = CompanyPackage.objects.create(
            company=company, product=product, units=units or product.units, purchased_on=purchased_on,
            valid_from=valid_from, valid_until=CompanyPackage.end_of_validity(valid_from, product.validity_months),
            notes=notes, recorded_by=by)
        _write(company=company, package=package, kind=LedgerEntry.Kind.PURCHASE,
                                   units=package.units, actor=by, reason=notes[:250])
        audit.record(audit.Kind.PURCHASE, actor=by, target=str(product), company=company,
                     detail=f"{package.units} tickets, {package.valid_from:%d-%m-%Y}–{package.valid_until:%d-%m-%Y}"
                            + (f"; {notes}" if notes else ""))
    return package


def adjust_units(*, company, units: int, reason, package=None, by):
    """A supervisor's correction, ± units, on a package or on the company credit.
    Never takes a package or the credit below zero."""
    if units == 0:
        raise LedgerRefused(_("An adjustment must add or remove at least one ticket."))
    with transaction.atomic():
        company = lock_company(company)
        current = UnitBalance.objects.filter(company_id=company.pk, package_id=package.pk if package else 0).values_list(
            "units", flat=True).first() or 0
        if current + units < 0:
            raise LedgerRefused(_("Only %(left)s tickets are left there: the balance cannot go below zero.")
                                % {"left": current})
        entry = _write(company=company, package=package, kind=LedgerEntry.Kind.ADJUST,
                                           units=units, reason=reason[:250], actor=by)
        audit.record(audit.Kind.ADJUSTMENT, actor=by, target=str(package.product) if package else "credit",
                     company=company, detail=f"{units:+d}: {reason}")
        return entry


def expire_packages(*, day=None) -> int:
    """Write an expiry entry for the units left in each package that ended before
    `day`. The unique constraint keeps it to one per package; returns how many."""
    day = day or today()
    written = 0
    # From the balance rollup: summing the ledger of every package that ever ended would
    # read the desk's whole history each day.
    ended = CompanyPackage.objects.filter(valid_until__lt=day).values("pk")
    candidates = list(UnitBalance.objects.filter(units__gt=0, package_id__in=ended)
                      .values_list("package_id", "company_id").order_by("package_id"))
    for package_id, company_id in candidates:
        with transaction.atomic():
            lock_company(Company(pk=company_id))
            left = UnitBalance.objects.filter(company_id=company_id, package_id=package_id).values_list(
                "units", flat=True).first() or 0
            if left > 0:
                _write(company_id=company_id, package_id=package_id,
                                           kind=LedgerEntry.Kind.EXPIRE, units=-left)
                written += 1
                queue_event(WebhookEvent.PACKAGE_EXPIRED, lambda p=package_id, c=company_id, n=left: {
                    "company": Company.objects.get(pk=c).reference(), "package": p, "units_expired": n})
    return written


@dataclass
class PackageState:
    package: CompanyPackage
    used: int
    left: int
    state: str  # "active", "future", "expired"


@dataclass
class CompanyBalance:
    available: int
    credit: int
    packages: list = field(default_factory=list)

    @property
    def active(self):
        return [p for p in self.packages if p.state == "active"]


def movements(company):
    """The company's movements as its pages list them, newest first: package and product
    loaded, of the ticket only its code (`ticket_code`; a ticket row is forty columns)."""
    return (LedgerEntry.objects.filter(company=company).select_related("package__product")
            .annotate(ticket_code=F("ticket__code")).order_by("-id"))


def company_balance(company, *, day=None) -> CompanyBalance:
    """Every package with used and left units, plus the credit, in two queries: the
    balances come from the rollup, so a company's history is never summed."""
    day = day or today()
    totals = {package_id or None: (left, used) for package_id, left, used in
              UnitBalance.objects.filter(company_id=company.pk).values_list("package_id", "units", "used")}
    states = []
    for package in CompanyPackage.objects.filter(company=company).select_related("product").order_by("-valid_until"):
        left, used = totals.get(package.pk, (0, 0))
        state = "expired" if package.valid_until < day else "future" if package.valid_from > day else "active"
        states.append(PackageState(package=package, used=used, left=left, state=state))
    credit = totals.get(None, (0, 0))[0]
    available = credit + sum(p.left for p in states if p.state == "active")
    return CompanyBalance(available=available, credit=credit, packages=states)
