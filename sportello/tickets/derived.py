"""What is kept beside the tickets and must follow every change to them in the same
transaction: the search index (what a ticket is found by) and the report rollups
(what it is counted in). Actions call refresh(); neither side table is written elsewhere."""

import threading
from contextlib import contextmanager

from sportello.reports import rollups
from sportello.reports.facts import TICKET_FIELDS
from sportello.search import index as search_index
from sportello.search.documents import TICKET_COLUMNS

# What both sides need of a ticket, read once.
_COLUMNS = tuple(dict.fromkeys((*TICKET_COLUMNS, *TICKET_FIELDS)))

_held = threading.local()   # ids whose refresh waits for the end of written_once()


def refresh(*ticket_ids):
    """Call inside the transaction that changed these tickets."""
    from .models import Ticket

    waiting = getattr(_held, "ids", None)
    if waiting is not None:
        waiting.update(dict.fromkeys(ticket_ids))
        return
    ids = [pk for pk in dict.fromkeys(ticket_ids) if pk]
    if ids:
        tickets = list(Ticket.objects.filter(pk__in=ids).values(*_COLUMNS))   # one read for both sides
        search_index.reindex_read(tickets)
        rollups.count_read(tickets)


def opened(ticket, *, notes=(), received_text=""):
    """A ticket just born in this transaction: its document and its facts are all in
    `ticket` (company loaded), the internal notes written with it (Message rows) and the
    text of the e-mail that opened it, so nothing is read back."""
    if getattr(_held, "ids", None) is not None:
        refresh(ticket.pk)
        return
    search_index.index_new(ticket, messages=[(note.body, True, note.author_name) for note in notes],
                           received=[received_text] if received_text else [])
    rollups.count_new(ticket)


@contextmanager
def written_once():
    """Several changes in one transaction (the properties panel, a merge, a split, a
    selection of tickets): their tickets are reindexed and recounted once, when the block
    ends. Each recount adds to the rollup counters in key order; a second one in the same
    transaction would lock more counters after the first ones, out of that order, and on
    PostgreSQL could deadlock with another writer's single recount. Nested blocks leave
    the work to the outermost; if the block raises, nothing is written (the transaction
    is rolled back anyway)."""
    if getattr(_held, "ids", None) is not None:
        yield
        return
    _held.ids = {}
    try:
        yield
        ids = list(_held.ids)
    finally:
        _held.ids = None
    refresh(*ids)
