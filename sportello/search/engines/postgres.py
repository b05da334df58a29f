"""PostgreSQL: two tsvectors per ticket (what customers may match, and the same plus
internal notes for staff) in search.TicketSearch, each with a GIN index. Fields carry
weights (code and subject A, body B, people and company C, notes D); ranked with
ts_rank_cd. Terms arrive folded and stemmed (search.text: the same Snowball stemmer
PostgreSQL's 'italian' configuration uses, plus accent folding, without needing the
unaccent extension), so the 'simple' configuration only splits them."""

from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL

from ..documents import FIELDS

TABLE = "search_ticket_vector"
WEIGHT = {"code": "A", "subject": "A", "body": "B", "people": "C", "company": "C", "notes": "D"}
PUBLIC = [field for field in FIELDS if field not in ("notes", "scope")]
SCOPE_MARK = "§"   # scope lexemes cannot come from parsed text, so words never match them


STATISTICS = 1000


def create():
    """The table is search.TicketSearch's; the GIN indexes are PostgreSQL's own."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_public_idx ON {TABLE} USING gin (public_vector)")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_staff_idx ON {TABLE} USING gin (staff_vector)")
        # A long list of the words' frequencies: with the default (100) a rare word is taken for
        # one in a hundred tickets, and the planner walks every ticket newest first looking for
        # a thousand matches that are not there (1 s at a million) instead of asking the index.
        for column in ("public_vector", "staff_vector"):
            cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET STATISTICS {STATISTICS}")


def drop():
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_public_idx")
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_staff_idx")


def clear():
    """Empty the index (TRUNCATE is instant, but not inside a transaction with pending checks)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}" if connection.in_atomic_block else f"TRUNCATE {TABLE}")


def _vector(fields):
    return " || ".join(f"setweight(to_tsvector('simple', %s), '{WEIGHT[field]}')" for field in fields)


def store(documents, *, fresh=False):
    sql = (f"INSERT INTO {TABLE} (ticket_id, public_vector, staff_vector) "
           f"SELECT %s, pub, pub || setweight(to_tsvector('simple', %s), 'D') "
           f"FROM (SELECT {_vector(PUBLIC)} || array_to_tsvector(%s::text[]) AS pub) v "
           "ON CONFLICT (ticket_id) DO UPDATE SET public_vector = EXCLUDED.public_vector, "
           "staff_vector = EXCLUDED.staff_vector")
    rows = [(document.ticket_id, document.fields["notes"], *[document.fields[field] for field in PUBLIC],
             [SCOPE_MARK + term for term in document.fields["scope"].split()]) for document in documents]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def is_empty():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {TABLE})")
        return bool(cursor.fetchone()[0])


def snapshot():
    """Every entry, comparable: to check that incremental writes equal a rebuild."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ticket_id, public_vector::text, staff_vector::text FROM {TABLE} ORDER BY ticket_id")
        return cursor.fetchall()


def remove(ticket_ids):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE ticket_id = ANY(%s)", [list(ticket_ids)])


def _lexeme(term):
    return "'" + term.replace("\\", "").replace("'", "''") + "'"


def _any(stems):
    return "(" + " | ".join(_lexeme(stem) for stem in stems) + ")"


def expression(query, *, with_notes, scope=()):
    """(tsquery text, scope tsquery, which vector) or None when the query has no words."""
    parts = [_any(stems) for stems in query.terms]
    for phrase in query.phrases:
        variants = dict.fromkeys(" <-> ".join(_lexeme(stems[min(n, len(stems) - 1)]) for stems in phrase)
                                 for n in (0, 1))
        parts.append("(" + " | ".join(f"({variant})" for variant in variants) + ")")
    if query.code_prefix:
        parts.append(f"{_lexeme(query.code_prefix)}:*A")
    if not parts:
        return None
    match = " & ".join(parts)
    for stems in query.excluded:
        match = f"({match}) & !{_any(stems)}"
    narrowed = " & ".join("(" + " | ".join(_lexeme(SCOPE_MARK + term) for term in group) + ")"
                          for group in scope if group)
    return match, narrowed, ("staff_vector" if with_notes else "public_vector")


def candidates(expression, tickets, *, limit, rank=True):
    """(ticket id, score) of the `limit` most recent matching tickets of `tickets`, lower
    score better (0 for all when not `rank`); see search.engines.sqlite. The score is a double (PostgreSQL's rank is a
    real): it travels in the page cursor and must compare equal."""
    from ..models import TicketSearch

    text, scope, vector = expression
    condition, params = f"{vector} @@ to_tsquery('simple', %s)", [text]
    if scope:
        condition, params = f"{vector} @@ (to_tsquery('simple', %s) && %s::tsquery)", [text, scope]
    rows = (TicketSearch.objects.extra(where=[condition], params=params)
            .filter(Exists(tickets.filter(pk=OuterRef("pk")))).order_by("-pk"))
    if not rank:
        return [(pk, 0.0) for pk in rows.values_list("pk", flat=True)[:limit]]
    # Ranked once the newest `limit` are chosen: in one query PostgreSQL ranks every match
    # before keeping them (7,500 matches of a common phrase: 45 ms of ranking at a million).
    newest = TicketSearch.objects.filter(pk__in=rows.values("pk")[:limit])
    newest = newest.annotate(score=RawSQL(f"(-ts_rank_cd({vector}, to_tsquery('simple', %s), 1))::double precision",
                                          [text]))
    return list(newest.values_list("pk", "score"))
