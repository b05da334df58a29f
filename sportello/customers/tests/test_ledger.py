"""The ledger is exact: units are consumed in the right order, refunded once, expire,
and every balance shown is the sum of the ledger."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum

from sportello.customers import ledger
from sportello.customers.models import Company, LedgerEntry, PackageProduct
from sportello.tickets.models import Ticket

TODAY = ledger.today()


@pytest.fixture
def gamma(people):
    """A third company with no package yet, and a contact."""
    from sportello.accounts.models import User
    from sportello.customers.models import Contact

    company = Company.objects.create(name="Gamma S.r.l.", vat_number="02468010018", customer_code="C0003")
    user = User.objects.create_user("greta@gamma.test", "x", full_name="Greta Gialli")
    Contact.objects.create(user=user, company=company, is_company_admin=True, phone="06 111 2222")
    company.greta = user
    return company


def buy(company, units, *, days_ago=0, months=12, by=None):
    product, _ = PackageProduct.objects.get_or_create(name=f"Pacchetto {units}", defaults={
        "units": units, "validity_months": months})
    return ledger.record_purchase(company=company, product=product, purchased_on=TODAY - timedelta(days=days_ago),
                                  by=by)


def ledger_sum(company):
    return LedgerEntry.objects.filter(company=company).aggregate(n=Sum("units"))["n"] or 0


def test_no_package_means_no_ticket_and_no_ticket_number_used(gamma, open_ticket_for):
    with pytest.raises(ledger.NoUnitsLeft):
        open_ticket_for(gamma.greta)
    assert not Ticket.objects.filter(company=gamma).exists()
    buy(gamma, 1)
    first = open_ticket_for(gamma.greta)
    with pytest.raises(ledger.NoUnitsLeft):   # the only unit is spent
        open_ticket_for(gamma.greta)
    buy(gamma, 1)
    second = open_ticket_for(gamma.greta)
    assert int(second.code[2:]) == int(first.code[2:]) + 1   # the refused opening left no gap


def test_consumption_takes_the_package_that_expires_first_and_never_an_expired_one(gamma, open_ticket_for):
    old = buy(gamma, 5, days_ago=400)           # expired 35 days ago
    later = buy(gamma, 5, days_ago=10)          # valid until in about a year
    sooner = buy(gamma, 2, days_ago=170, months=6)  # valid for about ten more days
    future = ledger.record_purchase(company=gamma, product=PackageProduct.objects.get(name="Pacchetto 5"),
                                    purchased_on=TODAY, valid_from=TODAY + timedelta(days=5), by=None)
    used = [open_ticket_for(gamma.greta).ledger_entries.get().package for _ in range(4)]
    assert used == [sooner, sooner, later, later]
    assert not old.entries.filter(kind=LedgerEntry.Kind.CONSUME).exists()
    assert not future.entries.filter(kind=LedgerEntry.Kind.CONSUME).exists()
    assert ledger.available_units(gamma) == 3


def test_refund_returns_the_unit_to_its_package_only_once(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    consumed = ticket.ledger_entries.get()
    before = ledger.available_units(people.acme)
    entry = ledger.refund_unit(ticket=ticket, reason=ledger.RefundReason.DUPLICATE, by=people.anna)
    assert entry.kind == LedgerEntry.Kind.REFUND and entry.package == consumed.package
    assert ledger.available_units(people.acme) == before + 1
    with pytest.raises(ledger.LedgerRefused):
        ledger.refund_unit(ticket=ticket, reason=ledger.RefundReason.MISTAKE, by=people.paolo)
    # The database refuses a second refund even if code forgot to check.
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(company=people.acme, package=consumed.package, kind="refund", units=1,
                                   ticket=ticket)
    assert ledger.available_units(people.acme) == before + 1
    assert ticket.events.filter(kind="refund").count() == 1


def test_refund_after_the_package_expired_becomes_credit(gamma, open_ticket_for):
    package = buy(gamma, 3, days_ago=100, months=12)
    ticket = open_ticket_for(gamma.greta)
    # The package ends; the expiry job takes the two units left.
    LedgerEntry.objects.filter(pk=0).exists()
    type(package).objects.filter(pk=package.pk).update(valid_until=TODAY - timedelta(days=1))
    assert ledger.expire_packages() == 1
    assert ledger.available_units(gamma) == 0
    entry = ledger.refund_unit(ticket=ticket, reason=ledger.RefundReason.VENDOR_DEFECT, note="bug 1234", by=None)
    assert entry.kind == LedgerEntry.Kind.ADJUST and entry.package is None
    assert "bug 1234" in entry.reason
    assert ledger.available_units(gamma) == 1
    # The credit is usable and it is what the next ticket consumes.
    assert open_ticket_for(gamma.greta).ledger_entries.get().package is None


def test_expiry_runs_once_and_the_ledger_always_sums_to_the_balance_shown(gamma, open_ticket_for):
    package = buy(gamma, 4, days_ago=30)
    for _ in range(3):
        open_ticket_for(gamma.greta)
    buy(gamma, 2, days_ago=1)
    type(package).objects.filter(pk=package.pk).update(valid_until=TODAY - timedelta(days=1))
    assert ledger.expire_packages() == 1
    assert ledger.expire_packages() == 0
    balance = ledger.company_balance(gamma)
    assert balance.available == ledger_sum(gamma) == 2
    by_package = {state.package.pk: state for state in balance.packages}
    assert (by_package[package.pk].used, by_package[package.pk].left) == (3, 0)


def test_adjustments_never_take_a_balance_below_zero(gamma, people):
    package = buy(gamma, 2)
    with pytest.raises(ledger.LedgerRefused):
        ledger.adjust_units(company=gamma, units=-3, package=package, reason="errore", by=people.silvia)
    ledger.adjust_units(company=gamma, units=-2, package=package, reason="storno", by=people.silvia)
    ledger.adjust_units(company=gamma, units=5, reason="omaggio", by=people.silvia)
    assert ledger.available_units(gamma) == 5 == ledger_sum(gamma)
    with pytest.raises(ledger.LedgerRefused):
        ledger.adjust_units(company=gamma, units=0, reason="niente", by=people.silvia)


def test_ledger_rows_are_never_edited_or_deleted(people):
    entry = LedgerEntry.objects.filter(company=people.acme).first()
    entry.units = 1000
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(company=people.acme, package=entry.package, kind="consume", units=-5)


def test_phone_tickets_are_covered_by_the_contract(gamma, people):
    from sportello.tickets.actions import TicketFields, open_ticket
    from sportello.tickets.models import RequestType

    ticket = open_ticket(company=gamma, contact=gamma.greta, channel=Ticket.Channel.PHONE, by=people.anna,
                         fields=TicketFields(request_type=RequestType.objects.first(), requester_name="Greta",
                                             callback_phone="06 111 2222", answer_email="greta@gamma.test",
                                             subject="Telefonata", description="Chiamata al numero verde"))
    assert not ticket.ledger_entries.exists()
