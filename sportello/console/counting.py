"""Counts that stop at a bound: "999+" says enough in a badge, and counting a list costs
at most `limit` index entries however long the list grows."""

from sportello.single_statement import counted, in_one_statement, summed


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
    found = in_one_statement({**{name: counted(queryset, limit) for name, queryset in querysets.items()},
                              **{name: summed(queryset, "count") for name, queryset in (tallies or {}).items()}})
    return {name: bounded(value, limit) for name, value in found.items()}
