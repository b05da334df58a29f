"""Keeping the index exact: every write that changes what a ticket can be found by
calls reindex() inside its own transaction, so the ticket is findable (or gone) the
moment that transaction commits. A ticket deleted from the database leaves the
index through a trigger (SQLite) or its cascading foreign key (PostgreSQL)."""

import time

from .documents import build, build_many, columns_of
from .engines import engine


def reindex(*ticket_ids):
    """Rebuild these tickets' entries. Call inside the transaction that changed them."""
    ids = [pk for pk in dict.fromkeys(ticket_ids) if pk]
    if ids:
        engine().store(build_many(ids))


def reindex_read(tickets):
    """reindex() of tickets the caller has just read (dicts of documents.TICKET_COLUMNS),
    in the same transaction: only their messages and mail are read here."""
    if tickets:
        engine().store(build_many([ticket["pk"] for ticket in tickets], tickets))


def index_new(ticket, *, messages=(), received=()):
    """A ticket opened in this transaction, with what was written with it (see
    tickets.derived.opened): nothing is read back."""
    engine().store([build(columns_of(ticket), messages=list(messages), received=list(received))], fresh=True)


def reindex_company(company, *, batch=1000):
    """The company's name or customer code changed: its tickets are found by the new one."""
    from sportello.tickets.models import Ticket

    last = 0
    while True:
        ids = list(Ticket.objects.filter(company=company, pk__gt=last).order_by("pk").values_list("pk", flat=True)
                   [:batch])
        if not ids:
            return
        reindex(*ids)
        last = ids[-1]


def rebuild(*, batch=2000, progress=None):
    """Drop and fill the whole index from the tickets (a management command shows progress)."""
    from sportello.tickets.models import Ticket

    search = engine()
    search.clear()
    total = Ticket.objects.count()
    done, last, started = 0, 0, time.monotonic()
    while True:
        ids = list(Ticket.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            break
        search.store(build_many(ids), fresh=True)
        done, last = done + len(ids), ids[-1]
        if progress:
            progress(done, total, time.monotonic() - started)
    return done
