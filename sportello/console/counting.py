"""Counts that stop at a bound: "999+" says enough in a badge, and counting a list costs
at most `limit` index entries however long the list grows."""

from django.core.exceptions import EmptyResultSet
from django.db import connection


def bounded(found, limit):
    """`found` as shown: the number, or "limit+" when it went past (thousands with a dot)."""
    return f"{limit:,}+".replace(",", ".") if found > limit else found


def bounded_count(queryset, limit):
    return bounded(queryset.order_by().values("pk")[:limit + 1].count(), limit)


def bounded_counts(querysets, limit, *, tallies=None):
    """{name: bounded count} of several querysets in one statement: every console page
    shows four badges, and one round trip costs less than four (and their ORM work).
    `tallies` are counted already: {name: queryset of rollup rows}, whose `count` column
    is added up (a few rows, however many tickets they count)."""
    parts, params, names, found = [], [], [], {}
    counted = [(name, queryset.order_by().values("pk")[:limit + 1], "COUNT(*)") for name, queryset in querysets.items()]
    added = [(name, queryset.order_by().values("count"), "COALESCE(SUM(count), 0)")
             for name, queryset in (tallies or {}).items()]
    for name, queryset, total in counted + added:
        try:
            sql, sql_params = queryset.query.sql_with_params()
        except EmptyResultSet:
            found[name] = 0
            continue
        parts.append(f"(SELECT {total} FROM ({sql}) counted)")
        params.extend(sql_params)
        names.append(name)
    if parts:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            found.update(zip(names, cursor.fetchone(), strict=True))
    return {name: bounded(found[name], limit) for name in found}
