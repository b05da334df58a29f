"""Adding to rows of counters in one statement: INSERT … ON CONFLICT DO UPDATE, which
SQLite and PostgreSQL both speak. Concurrent writers add to each other's counts instead
of overwriting them, and a slice seen for the first time is created on the way."""

from django.db import connection


def add_to_counters(table, unique, counters, rows):
    """`rows`: tuples of the `unique` columns' values followed by the amounts to add.
    Written in key order, so two transactions touching the same counters lock them in
    the same order and never deadlock (PostgreSQL)."""
    if not rows:
        return
    rows = sorted(rows, key=lambda row: row[:len(unique)])
    q = connection.ops.quote_name
    columns = ", ".join(q(c) for c in (*unique, *counters))
    marks = ", ".join(["%s"] * (len(unique) + len(counters)))
    additions = ", ".join(f"{q(c)} = {q(table)}.{q(c)} + excluded.{q(c)}" for c in counters)
    sql = (f"INSERT INTO {q(table)} ({columns}) VALUES ({marks}) "
           f"ON CONFLICT ({', '.join(q(c) for c in unique)}) DO UPDATE SET {additions}")
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
