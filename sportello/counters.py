"""Adding to rows of counters in one statement: INSERT … ON CONFLICT DO UPDATE, which
SQLite and PostgreSQL both speak. Concurrent writers add to each other's counts instead
of overwriting them, and a slice seen for the first time is created on the way."""

import json

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


# Sparse histograms kept as a JSON object {"bucket": count} in one text column. Each
# bucket's amount is added inside the upsert (the row is read under the writer's lock), so
# concurrent writers add to each other's counts like add_to_counters; a bucket that comes
# back to 0 is removed. The four placeholders naming the bucket are a JSON path on SQLite,
# the key on PostgreSQL.
_ADD_TO_BUCKET = {
    "sqlite": ("CASE WHEN COALESCE(json_extract({old}, %s), 0) + %s = 0 THEN json_remove({old}, %s) "
               "ELSE json_set({old}, %s, COALESCE(json_extract({old}, %s), 0) + %s) END"),
    "postgresql": ("CASE WHEN COALESCE(({old}::jsonb ->> %s::text)::bigint, 0) + %s::bigint = 0 "
                   "THEN ({old}::jsonb - %s::text)::text "
                   "ELSE jsonb_set({old}::jsonb, ARRAY[%s::text], "
                   "to_jsonb(COALESCE(({old}::jsonb ->> %s::text)::bigint, 0) + %s::bigint))::text END"),
}


def add_to_histograms(table, unique, column, rows):
    """`rows`: tuples of the `unique` columns' values followed by {bucket: amount to add}.
    One upsert per bucket (as many statements as one counter row each), in key order (no
    deadlocks, as above)."""
    name = (lambda bucket: f'$."{bucket}"') if connection.vendor == "sqlite" else str
    params = sorted(
        (*row[:-1], json.dumps({str(bucket): n}), name(bucket), n, name(bucket), name(bucket), name(bucket), n)
        for row in rows for bucket, n in row[-1].items() if n)
    if not params:
        return
    q = connection.ops.quote_name
    columns = ", ".join(q(c) for c in (*unique, column))
    marks = ", ".join(["%s"] * (len(unique) + 1))
    addition = _ADD_TO_BUCKET[connection.vendor].format(old=f"{q(table)}.{q(column)}")
    sql = (f"INSERT INTO {q(table)} ({columns}) VALUES ({marks}) "
           f"ON CONFLICT ({', '.join(q(c) for c in unique)}) DO UPDATE SET {q(column)} = {addition}")
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def histogram(text):
    """{bucket: count} of a column written by add_to_histograms."""
    counts = json.loads(text)
    return dict(zip(map(int, counts), counts.values(), strict=True))
