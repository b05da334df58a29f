"""SQLite FTS5: one virtual table, rowid = ticket id, one column per field (the
`unicode61` tokenizer splits the terms; they arrive folded and stemmed). Ranked by the
weightiest field that matches (code, then subject, then people and company, then the
text), then by recency.

Not bm25: FTS5's bm25() reads the whole list of every searched word to weigh it, so
a common word costs tens of milliseconds at a million tickets, where finding the newest
matches costs a few. Which field matched is most of what bm25 told us here anyway."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef

from ..documents import FIELDS
from . import ids_of_each

TABLE = "search_ticket_fts"
WEIGHTS = {"code": 10.0, "subject": 6.0, "body": 1.0, "people": 2.0, "company": 2.0, "notes": 1.0, "scope": 0.0}
CREATE = (f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({', '.join(FIELDS)}, "
          "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')")


def create():
    with connection.cursor() as cursor:
        cursor.execute(CREATE)
        # Deleting a ticket, however it is deleted, deletes its entry.
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {TABLE}_gone AFTER DELETE ON tickets_ticket "
                       f"BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END")


def drop():
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_gone")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def clear():
    drop()
    create()


def store(documents, *, fresh=False):
    """`fresh`: the index was just emptied (a rebuild), nothing to replace."""
    ids = [(document.ticket_id,) for document in documents]
    with connection.cursor() as cursor:
        if not fresh:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", ids)
        cursor.executemany(f"INSERT INTO {TABLE} (rowid, {', '.join(FIELDS)}) VALUES (%s{', %s' * len(FIELDS)})",
                           [(document.ticket_id, *document.values()) for document in documents])


def is_empty():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {TABLE})")
        return bool(cursor.fetchone()[0])


def snapshot():
    """Every entry, comparable: to check that incremental writes equal a rebuild."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, {', '.join(FIELDS)} FROM {TABLE} ORDER BY rowid")
        return cursor.fetchall()


def remove(ticket_ids):
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk in ticket_ids])


def _quoted(term):
    return '"' + term.replace('"', '""') + '"'


def _any(stems):
    return "(" + " OR ".join(_quoted(stem) for stem in stems) + ")"


@dataclass(frozen=True)
class Expression:
    match: str
    narrowed: tuple    # scope conditions
    columns: tuple     # the fields searched

    def text(self, columns=None):
        """The MATCH string, over `columns` (default: every searched field)."""
        searched = f"{{{' '.join(columns or self.columns)}}} : ({self.match})"
        return " AND ".join([*self.narrowed, searched])


def expression(query, *, with_notes, scope=()):
    """The FTS5 MATCH expression, or None when the query has no words. `scope` — groups of
    alternative scope terms (company, contact, status, technician) — narrows inside the
    index itself."""
    parts = [_any(stems) for stems in query.terms]
    for phrase in query.phrases:
        variants = dict.fromkeys(" ".join(stems[min(n, len(stems) - 1)] for stems in phrase) for n in (0, 1))
        parts.append("(" + " OR ".join(_quoted(variant) for variant in variants) + ")")
    if query.code_prefix:
        parts.append(f"code : {_quoted(query.code_prefix)} *")
    if not parts:
        return None
    match = " AND ".join(parts)
    for stems in query.excluded:
        match = f"({match}) NOT {_any(stems)}"
    columns = tuple(field for field in FIELDS if field != "scope" and (with_notes or field != "notes"))
    return Expression(match, tuple(f"scope : {_any(group)}" for group in scope if group), columns)


# Weightier fields last: a ticket takes the weight of the weightiest one that matches.
TIERS = [("people", "company"), ("subject",), ("code",)]


def candidates(expression, tickets, *, limit, rank=True):
    """(ticket id, score) of the `limit` most recent tickets of `tickets` that match, lower
    score better. FTS5 walks its lists newest first; each match is checked against the
    caller's queryset by primary key (EXISTS), so a filter costs per match, not per ticket.
    Then one query per tier of fields, over the same stretch of ids, finds which matched there."""
    from ..models import TicketIndexRow

    found = list(_newest(expression, tickets, limit))
    if not found or not rank:
        return [(pk, 0.0) for pk in found]
    score = dict.fromkeys(found, -WEIGHTS["body"])
    for columns in TIERS:
        for pk in (TicketIndexRow.objects.extra(where=[f"{TABLE} MATCH %s", f"{TABLE}.rowid >= %s"],
                                                params=[expression.text(columns), found[-1]])
                   .values_list("pk", flat=True)):
            if pk in score:
                score[pk] = -max(WEIGHTS[column] for column in columns)
    return [(pk, score[pk]) for pk in found]


def _newest(expression, tickets, limit):
    from ..models import TicketIndexRow

    return (TicketIndexRow.objects.extra(where=[f"{TABLE} MATCH %s"], params=[expression.text()])
            .filter(Exists(tickets.filter(pk=OuterRef("pk")))).order_by("-pk").values_list("pk", flat=True)[:limit])


def matches_each(expressions, tickets, *, limit):
    """[ids of the `limit` most recent tickets of `tickets` matching each expression], in
    one statement, unranked and in no order."""
    return ids_of_each([_newest(expression, tickets, limit) for expression in expressions])
