"""Counts that stop at a bound: "999+" says enough in a badge, and counting a list costs
at most `limit` index entries however long the list grows (single_statement.counted)."""


def bounded(found, limit):
    """`found` as shown: the number, or "limit+" when it went past (thousands with a dot)."""
    return f"{limit:,}+".replace(",", ".") if found > limit else found
