"""Every contract of a company in one list (web ticket packages, phone assistance,
software maintenance and licences), recording and suspending contracts, and the
once-only warning before one expires."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from sportello.accounts import audit
from sportello.accounts.models import User
from sportello.outbox import emails

from .ledger import today
from .models import Contact, Contract, PackageReminder
from .models.contracts import EXPIRING_DAYS, state_between
from .reminders import first_reminder


@dataclass
class ContractRow:
    kind: str
    covers: str
    valid_from: date
    valid_until: date
    state: str
    state_label: str
    reference: str = ""
    contract: Contract | None = None   # a maintenance or licence contract (the others have their own pages)


def company_contracts(company, *, day=None):
    """Newest first; three queries whatever the company's history."""
    from sportello.phone.models import PhoneContract

    from .models import CompanyPackage

    day = day or today()
    rows = []
    for contract in Contract.objects.filter(company=company):
        state = contract.state(day)
        rows.append(ContractRow(contract.get_kind_display(), contract.product, contract.valid_from,
                                contract.valid_until, state, state.label, contract.reference, contract))
    for phone in PhoneContract.objects.filter(company=company):
        state = state_between(phone.valid_from, phone.valid_until, day, suspended=not phone.is_active)
        rows.append(ContractRow(_("Phone assistance"), _("Assistance code %(code)s") % {
            "code": phone.code_display}, phone.valid_from, phone.valid_until, state, state.label))
    for package in CompanyPackage.objects.filter(company=company).select_related("product"):
        state = state_between(package.valid_from, package.valid_until, day)
        rows.append(ContractRow(_("Web ticket package"), _("%(product)s: %(units)s tickets") % {
            "product": package.product.name, "units": package.units}, package.valid_from, package.valid_until,
            state, state.label))
    return sorted(rows, key=lambda row: (row.valid_until, row.valid_from), reverse=True)


def record_contract(*, company, kind, product, valid_from, valid_until, reference="", notes="", by):
    with transaction.atomic():
        contract = Contract.objects.create(company=company, kind=kind, product=product, reference=reference,
                                           valid_from=valid_from, valid_until=valid_until, notes=notes,
                                           recorded_by=by)
        audit.record(audit.Kind.CONTRACT_CHANGED, actor=by, target=str(contract), company=company,
                     detail=f"{valid_from:%d-%m-%Y}–{valid_until:%d-%m-%Y} {reference}".strip())
    return contract


def set_suspended(*, contract, suspended, by):
    with transaction.atomic():
        if not Contract.objects.filter(pk=contract.pk).exclude(is_suspended=suspended).update(
                is_suspended=suspended):
            return False
        audit.record(audit.Kind.CONTRACT_CHANGED, actor=by, target=str(contract), company=contract.company,
                     detail="suspended" if suspended else "resumed")
    return True


def warn_expiring_contracts(*, day=None):
    """Contracts ending within 30 days: their company's administrators and the
    supervisors are told once (a reminder row per contract, unique)."""
    day = day or today()
    soon = (Contract.objects.filter(valid_until__gte=day, valid_until__lte=day + timedelta(days=EXPIRING_DAYS),
                                    is_suspended=False, company__is_active=True)
            .exclude(pk__in=PackageReminder.objects.filter(kind=PackageReminder.Kind.CONTRACT_EXPIRING)
                     .values("key")).select_related("company"))
    supervisors = list(User.objects.filter(is_active=True, role=User.Role.SUPERVISOR))
    warned = 0
    for contract in soon:
        with transaction.atomic():
            if not first_reminder(contract.company, PackageReminder.Kind.CONTRACT_EXPIRING, contract.pk):
                continue   # another worker warned first
            admins = Contact.objects.filter(company=contract.company, is_company_admin=True,
                                            user__is_active=True).select_related("user")
            for admin in admins:
                emails.queue_contract_expiring_notice(user=admin.user, contract=contract, for_staff=False)
            for supervisor in supervisors:
                emails.queue_contract_expiring_notice(user=supervisor, contract=contract, for_staff=True)
        warned += 1
    return warned
