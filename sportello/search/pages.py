"""The search results page, for the console and the reserved area alike: they
differ only in which tickets may be seen and whether internal notes count."""

from django.shortcuts import redirect, render

from sportello.keyset import keyset_page

from . import filters as search_filters
from .query import parse
from .results import Hit, search_tickets

LIST_RELATED = ["company", "request_type", "assignee"]


def search_page(request, *, tickets, with_notes, template, ticket_url, extra=None, scope=(), refine=None):
    """Shared by the console and the reserved area: they differ in what may be seen.
    `refine` narrows the tickets further (the console's list filters) and gives their
    order as (field, descending) for keyset pages; `scope` gives the
    index terms of filters already applied, so the index narrows by them too."""
    query = parse(request.GET.get("q", ""))
    missing_code = None
    if query.code:
        ticket = tickets.filter(code=query.code).only("code").first()
        if ticket is not None:
            return redirect(ticket_url, code=ticket.code)
        missing_code = query.code
    tickets = search_filters.apply(tickets, query.filters)
    order = (None, True)   # newest first, when filters list tickets without words to rank them
    if refine is not None:
        tickets, order = refine(tickets)
    page = None
    if query.has_text:
        page = search_tickets(query, tickets, with_notes=with_notes, after=request.GET.get("after"),
                              related=LIST_RELATED, scope=[*scope, *search_filters.scope_groups(query.filters)])
    elif query.filters or refine is not None and "q" in request.GET:
        listed = keyset_page(tickets.select_related(*LIST_RELATED), request.GET, field=order[0], descending=order[1])
        page = {"hits": [Hit(ticket, snippet="") for ticket in listed.items],
                "next_cursor": listed.next_cursor, "first_page": "after" not in request.GET, "total_label": ""}
    return render(request, template, {"parsed": query, "q": query.text, "page": page, "missing_code": missing_code,
                                      **(extra or {})})
