"""Several figures of different tables read in one statement: SELECT (SELECT …), (SELECT …).
A page showing a dozen counts pays one round trip instead of a dozen, and on a page that
reads rollups each round trip with its ORM work costs more than the reading itself."""

from django.core.exceptions import EmptyResultSet
from django.db import connection


def counted(queryset, limit=None):
    """How many rows; with a limit, at most limit + 1, so that an index range stops there."""
    rows = queryset.order_by().values("pk")
    return (rows if limit is None else rows[:limit + 1]), "COUNT(*)"


def summed(queryset, column):
    """The column's total over the rows; 0 when there are none."""
    return queryset.order_by().values(column), f"COALESCE(SUM({connection.ops.quote_name(column)}), 0)"


def in_one_statement(parts):
    """{name: value} of {name: counted(…) or summed(…)}."""
    selects, params, names, found = [], [], [], {}
    for name, (queryset, total) in parts.items():
        try:
            sql, sql_params = queryset.query.sql_with_params()
        except EmptyResultSet:   # e.g. .none(): Django knows the answer without asking
            found[name] = 0
            continue
        selects.append(f"(SELECT {total} FROM ({sql}) part)")
        params.extend(sql_params)
        names.append(name)
    if selects:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(selects), params)
            found.update(zip(names, (int(value) for value in cursor.fetchone()), strict=True))
    return found
