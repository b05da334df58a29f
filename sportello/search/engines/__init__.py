"""The search index lives in the database's own full-text engine: FTS5 on SQLite,
tsvector with a GIN index on PostgreSQL. Both take the same documents (terms already
folded and stemmed in Python, see search.text) and the same parsed queries, and
answer with ticket ids ranked best first. Another engine (OpenSearch, say) would
implement the same functions."""

from django.core.exceptions import EmptyResultSet
from django.db import connection


def engine():
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite


def ids_of_each(querysets):
    """[[ids] of each queryset of ids (values_list("pk") sliced)], in one statement: a
    similar-tickets lookup asks for eight words' matches, and one round trip (and one
    statement's ORM work) costs less than eight. Each list's order is not kept."""
    parts, params, found = [], [], [[] for _ in querysets]
    for n, queryset in enumerate(querysets):
        try:
            sql, sql_params = queryset.query.sql_with_params()
        except EmptyResultSet:
            continue
        parts.append(f'SELECT {n}, "pk" FROM ({sql}) part{n}')
        params.extend(sql_params)
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for n, pk in cursor.fetchall():
                found[n].append(pk)
    return found
