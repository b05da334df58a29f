"""What is kept beside the tickets and must follow every change to them in the same
transaction: the search index (what a ticket is found by) and the report rollups
(what it is counted in). Actions call refresh(); neither side table is written elsewhere."""

from sportello.reports import rollups
from sportello.search import index as search_index


def refresh(*ticket_ids):
    """Call inside the transaction that changed these tickets."""
    search_index.reindex(*ticket_ids)
    rollups.count(*ticket_ids)


def opened(ticket):
    """A ticket just born in this transaction, with no message yet: its document and its
    facts are all in `ticket` (company loaded), so nothing is read back."""
    search_index.index_new(ticket)
    rollups.count_new(ticket)
