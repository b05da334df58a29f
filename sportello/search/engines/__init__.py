"""The search index lives in the database's own full-text engine: FTS5 on SQLite,
tsvector with a GIN index on PostgreSQL. Both take the same documents (terms already
folded and stemmed in Python, see search.text) and the same parsed queries, and
answer with ticket ids ranked best first. Another engine (OpenSearch, say) would
implement the same four functions."""

from django.db import connection


def engine():
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite
