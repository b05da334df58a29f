"""The hourly package job: expiries and reminders, each once, also with two workers."""

from datetime import timedelta

import pytest

from sportello.customers import ledger
from sportello.customers.models import CompanyPackage, LedgerEntry, PackageProduct, PackageReminder
from sportello.customers.tasks import package_upkeep
from sportello.outbox.models import OutboundMail
from sportello.testing import run_together

TODAY = ledger.today()


def small_package(company, units=3, *, valid_for_days=200):
    product, _ = PackageProduct.objects.get_or_create(name=f"Pacchetto {units}", defaults={"units": units})
    package = ledger.record_purchase(company=company, product=product, purchased_on=TODAY - timedelta(days=10),
                                     by=None)
    CompanyPackage.objects.filter(pk=package.pk).update(valid_until=TODAY + timedelta(days=valid_for_days))
    package.refresh_from_db()
    return package


def test_low_balance_is_told_to_company_administrators_once_per_purchase(people, open_ticket_for):
    # Beta spends its 100-unit package down to 2 (the default threshold).
    ledger.adjust_units(company=people.beta, package=people.beta.packages.get(), units=-98, by=None,
                        reason="test")
    package_upkeep.call()
    package_upkeep.call()
    notices = OutboundMail.objects.filter(template="package_low_balance")
    assert list(notices.values_list("to", flat=True)) == [[people.luca.email]]  # administrators only, once
    assert "Restano solo 2 ticket di assistenza" in notices.get().subject
    # A new purchase, then running low again, re-arms the reminder.
    small_package(people.beta, 1)
    package_upkeep.call()
    assert notices.count() == 1  # balance 3: not low
    open_ticket_for(people.luca)
    package_upkeep.call()
    assert notices.count() == 2


def test_expiring_package_is_told_once(people):
    package = small_package(people.acme, 3, valid_for_days=20)
    package_upkeep.call()
    package_upkeep.call()
    notices = OutboundMail.objects.filter(template="package_expiring")
    assert notices.count() == 1 and notices.get().to == [people.mario.email]
    assert package.valid_until.strftime("%d-%m-%Y") in notices.get().subject


def test_an_error_while_queueing_is_seen_and_the_reminder_is_tried_again(people):
    """Only the reminder row's uniqueness means "already sent": any other refused row
    (here the outbox's) used to be taken for it, and the reminder was skipped in silence."""
    from unittest import mock

    from django.db import IntegrityError

    small_package(people.acme, 3, valid_for_days=20)
    with mock.patch("sportello.outbox.emails.OutboundMail.objects.create", side_effect=IntegrityError("outbox")), \
            pytest.raises(IntegrityError, match="outbox"):
        package_upkeep.call()
    assert not PackageReminder.objects.exists()
    package_upkeep.call()
    assert OutboundMail.objects.filter(template="package_expiring").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_job_at_once_write_each_expiry_and_reminder_once(people):
    expired = small_package(people.acme, 3)
    CompanyPackage.objects.filter(pk=expired.pk).update(valid_until=TODAY - timedelta(days=1))
    small_package(people.acme, 5, valid_for_days=10)
    ledger.adjust_units(company=people.beta, package=people.beta.packages.get(), units=-99, by=None,
                        reason="test")
    run_together([package_upkeep.call, package_upkeep.call])
    assert LedgerEntry.objects.filter(kind="expire").count() == 1
    assert LedgerEntry.objects.get(kind="expire").units == -3
    assert PackageReminder.objects.filter(kind="low_balance").count() == 1
    assert PackageReminder.objects.filter(kind="expiring").count() == 1
    assert OutboundMail.objects.filter(template__startswith="package_").count() == 2
