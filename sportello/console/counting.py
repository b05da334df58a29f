"""Counts that stop at a bound: "999+" says enough in a badge, and counting a list costs
at most `limit` index entries however long the list grows."""


def bounded(found, limit):
    """`found` as shown: the number, or "limit+" when it went past (thousands with a dot)."""
    return f"{limit:,}+".replace(",", ".") if found > limit else found


def bounded_count(queryset, limit):
    return bounded(queryset.order_by().values("pk")[:limit + 1].count(), limit)
