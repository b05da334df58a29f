"""What a caller may reach: the same rule as the pages. A personal token (or a
session) sees what its person sees (`visible_to`); an integration token sees the
whole desk, or one company's part of it when it is restricted. Anything else is 404."""

from sportello.customers.models import Company
from sportello.tickets.models import Ticket

from .models import ApiToken


def token_of(request):
    return request.auth if isinstance(request.auth, ApiToken) else None


def _integration(request):
    token = token_of(request)
    return token if token is not None and token.is_integration else None


def acts_as_staff(request):
    """Staff and integrations see internal notes and every company (within a restriction)."""
    return _integration(request) is not None or request.user.is_support_staff


def only_company_id(request):
    """The one company the caller is confined to, or None for the whole desk."""
    integration = _integration(request)
    if integration is not None:
        return integration.company_id
    if request.user.is_support_staff:
        return None
    contact = getattr(request.user, "contact", None)
    return contact.company_id if contact is not None else 0   # 0: no company, nothing visible


def tickets(request):
    integration = _integration(request)
    if integration is None:
        return Ticket.objects.visible_to(request.user)
    everything = Ticket.objects.all()
    return everything if integration.company_id is None else everything.filter(company_id=integration.company_id)


def companies(request):
    company_id = only_company_id(request)
    return Company.objects.all() if company_id is None else Company.objects.filter(pk=company_id)


def of_companies(queryset, request, field="company_id"):
    """Any company-owned rows (packages, ledger, contracts, call-backs) for this caller."""
    company_id = only_company_id(request)
    return queryset if company_id is None else queryset.filter(**{field: company_id})
