"""SQLite FTS5: one virtual table, rowid = ticket id, one column per field (the
`unicode61` tokenizer splits the terms; they arrive folded and stemmed). Ranked with
bm25 and per-field weights (code and subject count most)."""

from django.db import connection
from django.db.models import Exists, OuterRef

from ..documents import FIELDS

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
    columns = [field for field in FIELDS if field != "scope" and (with_notes or field != "notes")]
    searched = f"{{{' '.join(columns)}}} : ({match})"
    narrowed = [f"scope : {_any(group)}" for group in scope if group]
    return " AND ".join([*narrowed, searched])


def candidates(expression, tickets, *, limit):
    """(ticket id, score) of the `limit` most recent tickets of `tickets` that match, lower
    score better. FTS5 walks its lists newest first; each match is checked against the
    caller's queryset by primary key (EXISTS), so a filter costs per match, not per ticket."""
    from ..models import TicketIndexRow

    weights = ", ".join(str(WEIGHTS[field]) for field in FIELDS)
    rows = (TicketIndexRow.objects.extra(where=[f"{TABLE} MATCH %s"], params=[expression],
                                         select={"score": f"bm25({TABLE}, {weights})"})
            .filter(Exists(tickets.filter(pk=OuterRef("pk"))))
            .order_by("-pk").values_list("pk", "score")[:limit])
    return list(rows)
