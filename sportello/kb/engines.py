"""Articles in the database's own full-text engine, like tickets (search.engines): FTS5
on SQLite, a tsvector with a GIN index on PostgreSQL; the terms arrive folded and
stemmed by search.text, so both find the same articles.

Ranking is BM25-like on both: a question is many words and any of them may match, so
rare words must count more than common ones. FTS5 has bm25(); on PostgreSQL each word's
ts_rank is weighted by its inverse document frequency, counted in the same query.
Five thousand articles is a small index: a question costs a few milliseconds."""

import math

from django.db import connection

FTS_TABLE = "kb_article_fts"
VECTOR_TABLE = "kb_article_vector"
FIELDS = ("title", "tags", "body")
BM25_WEIGHTS = {"title": 4.0, "tags": 2.0, "body": 1.0}
PG_WEIGHTS = {"title": "A", "tags": "B", "body": "D"}
PG_RANK_WEIGHTS = "{0.25, 0.1, 0.5, 1.0}"   # D, C, B, A: body, -, tags, title in bm25's 1 : 2 : 4


def _postgres():
    return connection.vendor == "postgresql"


def create():
    with connection.cursor() as cursor:
        if _postgres():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {VECTOR_TABLE}_idx ON {VECTOR_TABLE} USING gin (vector)")
            return
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({', '.join(FIELDS)}, "
                       "tokenize = 'unicode61 remove_diacritics 2')")
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_gone AFTER DELETE ON kb_article "
                       f"BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END")


def drop():
    with connection.cursor() as cursor:
        if _postgres():
            cursor.execute(f"DROP INDEX IF EXISTS {VECTOR_TABLE}_idx")
            return
        cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_gone")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def clear():
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {VECTOR_TABLE if _postgres() else FTS_TABLE}")


def store(article_id, fields):
    """Replace one article's entry; `fields` maps FIELDS to index terms."""
    with connection.cursor() as cursor:
        if _postgres():
            vector = " || ".join(f"setweight(to_tsvector('simple', %s), '{PG_WEIGHTS[name]}')" for name in FIELDS)
            cursor.execute(f"INSERT INTO {VECTOR_TABLE} (article_id, vector) SELECT %s, {vector} "
                           "ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector",
                           [article_id, *(fields[name] for name in FIELDS)])
            return
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [article_id])
        cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(FIELDS)}) VALUES (%s, %s, %s, %s)",
                       [article_id, *(fields[name] for name in FIELDS)])


def ranked(terms, articles, *, limit, excluded=()):
    """Ids of the `limit` articles of the queryset `articles` that best match `terms`
    (a list of alternative stems per word, any word may match) and none of the
    `excluded` stems, best first."""
    if not terms:
        return []
    within, params = articles.values("pk").query.sql_with_params()
    if _postgres():
        return _ranked_postgres(terms, excluded, within, params, limit)
    match = " OR ".join("(" + " OR ".join(_quoted(stem) for stem in stems) + ")" for stems in terms)
    if excluded:
        match = f"({match}) NOT (" + " OR ".join(_quoted(stem) for stem in excluded) + ")"
    weights = ", ".join(str(BM25_WEIGHTS[name]) for name in FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND +rowid IN ({within}) "
                       f"ORDER BY bm25({FTS_TABLE}, {weights}), rowid DESC LIMIT %s",
                       [match, *params, limit])
        return [row[0] for row in cursor.fetchall()]


def _quoted(term):
    return '"' + term.replace('"', '""') + '"'


def _lexemes(stems):
    return " | ".join("'" + stem.replace("\\", "").replace("'", "''") + "'" for stem in stems)


def _ranked_postgres(terms, excluded, within, params, limit):
    queries = [_lexemes(stems) for stems in terms]
    any_word = " | ".join(f"({query})" for query in queries)
    if excluded:
        any_word = f"({any_word}) & !({_lexemes(excluded)})"
    with connection.cursor() as cursor:
        counts = ", ".join("count(*) FILTER (WHERE vector @@ to_tsquery('simple', %s))" for _query in queries)
        cursor.execute(f"SELECT (SELECT count(*) FROM {VECTOR_TABLE}), {counts} FROM {VECTOR_TABLE} "
                       "WHERE vector @@ to_tsquery('simple', %s)", [*queries, any_word])
        total, *frequencies = cursor.fetchone()
        # BM25's inverse document frequency: a word in most articles weighs next to nothing.
        weighted = [(query, math.log(1 + (total - n + 0.5) / (n + 0.5))) for query, n in zip(queries, frequencies,
                                                                                                 strict=True) if n]
        if not weighted:
            return []
        score = " + ".join(f"%s * ts_rank('{PG_RANK_WEIGHTS}', vector, to_tsquery('simple', %s), 1)"
                           for _query in weighted)
        cursor.execute(f"SELECT article_id FROM {VECTOR_TABLE} WHERE vector @@ to_tsquery('simple', %s) "
                       f"AND article_id IN ({within}) ORDER BY {score} DESC, article_id DESC LIMIT %s",
                       [any_word, *params, *[value for query, idf in weighted for value in (idf, query)], limit])
        return [row[0] for row in cursor.fetchall()]
