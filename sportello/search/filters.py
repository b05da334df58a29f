"""The field prefixes of a search (azienda:, stato:, tecnico:, tipo:) as filters on a
ticket queryset. A name that matches nothing gives no results, not an error."""

from django.db.models import Q

from .text import fold

STATUS_WORDS = {
    "new": ["nuovo", "nuovi", "nuova", "new"],
    "open": ["in lavorazione", "lavorazione", "aperto", "aperti", "in corso", "open", "in progress", "progress"],
    "waiting": ["in attesa", "attesa", "waiting", "sospeso"],
    "resolved": ["risolto", "risolti", "resolved"],
    "closed": ["chiuso", "chiusi", "closed"],
}
UNASSIGNED_WORDS = {"nessuno", "nessun", "non assegnato", "libero", "none", "unassigned", "nobody"}


def statuses_named(text):
    typed = fold(text)
    return [status for status, names in STATUS_WORDS.items()
            if any(name.startswith(typed) or typed.startswith(name) for name in names)]


def apply(tickets, filters):
    from sportello.accounts.models import User
    from sportello.customers.company_field import companies_named
    from sportello.tickets.models import RequestType

    if "company" in filters:
        tickets = tickets.filter(company__in=companies_named(filters["company"]).values("pk"))
    if "status" in filters:
        tickets = tickets.filter(status__in=statuses_named(filters["status"]))
    if "assignee" in filters:
        typed = filters["assignee"]
        if fold(typed) in UNASSIGNED_WORDS:
            tickets = tickets.filter(assignee=None)
        else:
            tickets = tickets.filter(assignee__in=User.objects.filter(
                Q(full_name__icontains=typed) | Q(email__istartswith=typed)).values("pk"))
    if "request_type" in filters:
        tickets = tickets.filter(request_type__in=RequestType.objects.filter(
            name__icontains=filters["request_type"]).values("pk"))
    return tickets


def scope_groups(filters):
    """The query's prefixes the index itself can narrow by: status, and "nobody"."""
    from .documents import UNASSIGNED

    groups = []
    if "status" in filters:
        groups.append([f"s{status}" for status in statuses_named(filters["status"])] or ["s-none"])
    if "assignee" in filters and fold(filters["assignee"]) in UNASSIGNED_WORDS:
        groups.append([UNASSIGNED])
    return groups
