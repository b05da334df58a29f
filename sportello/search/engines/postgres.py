"""PostgreSQL: two tsvectors per ticket (what customers may match, and the same plus
internal notes for staff) in search.TicketSearch, each with a GIN index. Fields carry
weights (code and subject A, body B, people and company C, notes D); ranked with
ts_rank_cd. Terms arrive folded and stemmed (search.text: the same Snowball stemmer
PostgreSQL's 'italian' configuration uses, plus accent folding, without needing the
unaccent extension), so the 'simple' configuration only splits them."""

import math
import time

from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL

from ..documents import FIELDS, names_few_tickets
from . import ids_of_each

TABLE = "search_ticket_vector"
WEIGHT = {"code": "A", "subject": "A", "body": "B", "people": "C", "company": "C", "notes": "D"}
PUBLIC = [field for field in FIELDS if field not in ("notes", "scope")]
SCOPE_MARK = "§"   # scope lexemes cannot come from parsed text, so words never match them


STATISTICS = 1000
BUILD_MEMORY = "1GB"   # for building the GIN indexes (used only as much as the index needs)
# Recency terms: each vector carries the bucket of its ticket id, so that a search can ask
# GIN for the matches among the newest WINDOW ids first. A common word with a status
# filter matches thousands of tickets, and each match costs a heap page before the newest
# are known; the window's are a fraction of them, and all tickets are searched only when
# it holds fewer than the candidates wanted.
BUCKET = 50_000
WINDOW = 200_000
# Whether the window helps depends on how many tickets match, which the planner's own
# statistics tell (the column's most common lexemes and their shares of tickets). Where at
# least DENSE of all tickets match, PostgreSQL walks the newest tickets backwards and stops
# at `limit` matches, without the index (three words in a quarter of the tickets each: 22 ms
# at a million); given the window, it reads all the window's matches through the index
# first (44 ms). Where even the most common of the words could not fill the window, the
# window would only add a statement.
DENSE = 0.02
STATISTICS_FOR = 600   # seconds a process keeps the statistics (ANALYZE renews them)
_statistics = {}   # vector column -> (read at, what _lexeme_shares() returns)


def create():
    """The table is search.TicketSearch's; the GIN indexes are PostgreSQL's own."""
    with connection.cursor() as cursor:
        # How the index is built decides how fast it is searched: over a million tickets, with
        # the default 64 MB it came out 348 MB and a word + status took 42 ms inside it; with
        # 1 GB, 226 MB and 5 ms (06-12-2026). A REINDEX needs the same setting.
        cursor.execute(f"SET maintenance_work_mem = '{BUILD_MEMORY}'")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_public_idx ON {TABLE} USING gin (public_vector)")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_staff_idx ON {TABLE} USING gin (staff_vector)")
        cursor.execute("RESET maintenance_work_mem")
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
             [SCOPE_MARK + term for term in [*document.fields["scope"].split(),
                                             _bucket_term(document.ticket_id // BUCKET)]])
            for document in documents]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _bucket_term(bucket):
    """The recency term of the `bucket`-th BUCKET ticket ids (add_recency_terms writes the same in SQL)."""
    return f"b{bucket}"


def add_recency_terms():
    """Give every stored vector its recency term (the upgrade that brought them): without
    the GIN indexes, which are built again once, it is one pass over the table."""
    drop()
    with connection.cursor() as cursor:
        terms = f"array_to_tsvector(ARRAY['{SCOPE_MARK}b' || (ticket_id / {BUCKET})::text])"
        cursor.execute(f"UPDATE {TABLE} SET public_vector = public_vector || {terms}, "
                       f"staff_vector = staff_vector || {terms}")
    create()


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
    """(tsquery text, scope tsquery, which vector, the groups of lexemes a match needs one
    of each, by which candidates() judges whether the newest tickets may answer first;
    empty when they may not) or None when the query has no words."""
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
    # A code prefix names tickets of one age, seldom the newest, and one company's or one
    # person's tickets match a few hundred times at most: the window would only add a query.
    few = any(names_few_tickets(term) for group in scope for term in group)
    if query.code_prefix or few:
        return match, narrowed, ("staff_vector" if with_notes else "public_vector"), ()
    # The lexemes each match needs one of, for guessing how many tickets match.
    groups = (*map(tuple, query.terms), *(tuple(stems) for phrase in query.phrases for stems in phrase),
              *(tuple(SCOPE_MARK + term for term in group) for group in scope if group))
    return match, narrowed, ("staff_vector" if with_notes else "public_vector"), groups


def candidates(expression, tickets, *, limit, rank=True):
    """(ticket id, score) of the `limit` most recent matching tickets of `tickets`, lower
    score better (0 for all when not `rank`); see search.engines.sqlite. The score is a double (PostgreSQL's rank is a
    real): it travels in the page cursor and must compare equal."""
    text, scope, vector, groups = expression
    # Unranked lookups (similar tickets: eight rarer words, 400 matches each) seldom find
    # `limit` among the newest: the window would only add a query per word.
    recent = _recent_buckets() if groups and rank else None
    if recent and _window_helps(vector, groups, limit):
        # Every ticket from the window's first id on carries one of its terms: when the window
        # holds `limit` matches, they are the newest of all.
        found = _newest(vector, text, f"({scope}) & {recent}" if scope else recent, tickets, limit=limit, rank=rank)
        if len(found) >= limit:
            return found
    return _newest(vector, text, scope, tickets, limit=limit, rank=rank)


def _window_helps(vector, groups, limit):
    """Whether to ask the window first: not when the statistics say at least DENSE of the
    tickets match, nor when even the rarest word's share could not fill the window. A
    group's share is the sum of its lexemes' (one not listed: the least listed share, its
    bound); the groups' shares are multiplied as if independent (words asked together
    usually go together, so more tickets match than that). Without statistics, yes."""
    known = _lexeme_shares(vector)
    if known is None:
        return True
    shares, other = known
    each = [min(1.0, sum(shares.get(lexeme, other) for lexeme in group)) for group in groups]
    return math.prod(each) < DENSE and min(each) * WINDOW >= limit


def _lexeme_shares(vector):
    """({lexeme: share of tickets}, the share any other lexeme has at most) from pg_stats,
    or None before the first ANALYZE."""
    read_at, known = _statistics.get(vector, (None, None))
    if read_at is None or time.monotonic() - read_at > STATISTICS_FOR:
        with connection.cursor() as cursor:
            cursor.execute("SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                           "WHERE tablename = %s AND attname = %s", [TABLE, vector])
            row = cursor.fetchone()
        # After the lexemes' shares come the least and the most common of them.
        known = (dict(zip(row[0], row[1], strict=False)), row[1][len(row[0])]) if row and row[0] else None
        _statistics[vector] = (time.monotonic(), known)
    return known


def _recent_buckets():
    """The tsquery of the buckets that hold the newest WINDOW ids (and the next one, for
    tickets opened meanwhile), or None while the tickets are too few for a window to help."""
    from ..models import TicketSearch

    newest = TicketSearch.objects.order_by("-pk").values_list("pk", flat=True).first()
    if newest is None or newest < 2 * WINDOW:
        return None
    buckets = range((newest - WINDOW) // BUCKET, newest // BUCKET + 2)
    return "(" + " | ".join(_lexeme(SCOPE_MARK + _bucket_term(bucket)) for bucket in buckets) + ")"


def matches_each(expressions, tickets, *, limit):
    """[ids of the `limit` most recent tickets of `tickets` matching each expression], in
    one statement, unranked and in no order (the recency window is for ranked searches)."""
    return ids_of_each([_matching(vector, text, scope, tickets)[:limit]
                        for text, scope, vector, _groups in expressions])


def _matching(vector, text, scope, tickets):
    """The ids of `tickets` whose vector matches, newest first."""
    from ..models import TicketSearch

    condition, params = f"{vector} @@ to_tsquery('simple', %s)", [text]
    if scope:
        condition, params = f"{vector} @@ (to_tsquery('simple', %s) && %s::tsquery)", [text, scope]
    return (TicketSearch.objects.extra(where=[condition], params=params)
            .filter(Exists(tickets.filter(pk=OuterRef("pk")))).order_by("-pk").values_list("pk", flat=True))


def _newest(vector, text, scope, tickets, *, limit, rank):
    from ..models import TicketSearch

    rows = _matching(vector, text, scope, tickets)
    if not rank:
        return [(pk, 0.0) for pk in rows[:limit]]
    # Ranked once the newest `limit` are chosen: in one query PostgreSQL ranks every match
    # before keeping them (7,500 matches of a common phrase: 45 ms of ranking at a million).
    newest = TicketSearch.objects.filter(pk__in=rows[:limit])
    newest = newest.annotate(score=RawSQL(f"(-ts_rank_cd({vector}, to_tsquery('simple', %s), 1))::double precision",
                                          [text]))
    return list(newest.values_list("pk", "score"))
