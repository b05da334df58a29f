"""Reminders to company administrators: low balance and packages about to expire.
Each is recorded as a PackageReminder row in the transaction that queues its
e-mails, so it goes out once even when two workers run the job together."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max, Q, Sum

from sportello.outbox import emails
from sportello.outbox.models import WebhookEvent
from sportello.outbox.webhooks import queue_event

from .ledger import today
from .models import Company, CompanyPackage, Contact, LedgerEntry, PackagePolicy, PackageReminder


def first_reminder(company, kind, key):
    """Write the reminder's row, inside the caller's transaction that queues its e-mails;
    False when this or another worker wrote it already. Only that row's uniqueness means
    "already sent": an error while queueing is one of its own, and rolls the row back."""
    try:
        with transaction.atomic():
            PackageReminder.objects.create(company=company, kind=kind, key=key)
    except IntegrityError:
        return False
    return True


def _remind(company, kind, key, send, event=None):
    """`event`: (webhook event, its data), told to other systems once, like the e-mails."""
    with transaction.atomic():
        if not first_reminder(company, kind, key):
            return False
        admins = Contact.objects.filter(company=company, is_company_admin=True, user__is_active=True)
        for admin in admins.select_related("user"):
            send(admin.user)
        if event is not None:
            queue_event(*event)
    return True


def send_package_reminders(*, day=None):
    """Returns (low-balance reminders sent, expiry reminders sent)."""
    day = day or today()
    policy = PackagePolicy.current()
    valid = CompanyPackage.objects.valid_on(day).values("pk")
    balances = dict(LedgerEntry.objects.filter(Q(package__isnull=True) | Q(package__in=valid))
                    .values_list("company_id").annotate(n=Sum("units")).order_by())
    # A company is a package customer once it bought one; a new purchase re-arms the reminder.
    last_purchase = (LedgerEntry.objects.filter(kind=LedgerEntry.Kind.PURCHASE, company__is_active=True)
                     .values_list("company_id").annotate(last=Max("id")).order_by())
    low = 0
    for company_id, purchase_id in last_purchase:
        balance = balances.get(company_id, 0)
        if balance <= policy.low_balance_threshold:
            company = Company(pk=company_id)   # loaded only if a reminder is sent
            sent = _remind(company, PackageReminder.Kind.LOW_BALANCE, purchase_id, lambda user, c=company_id,
                           b=balance: emails.queue_low_balance_notice(user=user, company=Company.objects.get(pk=c),
                                                                      balance=b, policy=policy),
                           event=(WebhookEvent.PACKAGE_LOW, lambda c=company_id, b=balance: {
                               "company": Company.objects.get(pk=c).reference(), "units_left": b}))
            low += sent
    expiring = 0
    soon = (CompanyPackage.objects.valid_on(day).filter(valid_until__lte=day + timedelta(days=policy.expiry_notice_days),
                                                        company__is_active=True)
            .annotate(left=Sum("entries__units")).filter(left__gt=0).select_related("product", "company"))
    for package in soon:
        expiring += _remind(package.company, PackageReminder.Kind.EXPIRING, package.pk,
                            lambda user, p=package: emails.queue_package_expiring_notice(user=user, package=p))
    return low, expiring
