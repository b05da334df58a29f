"""Keyset pagination: every page costs one indexed query, however deep the list
goes (OFFSET would read and skip every earlier row).

Lists are ordered by the primary key, or by a non-null datetime field and then
the primary key (the console queue, by deadline). The cursor names the last row
seen: "after" continues the list, "before" goes back.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q


@dataclass
class KeysetPage:
    items: list
    next_cursor: str | None  # pass as ?after= to continue
    prev_cursor: str | None  # pass as ?before= to go back


# Ids are 64-bit in both databases: a larger number in a cursor is not a row.
MAX_ID = 2**63 - 1


def _parse(value, field):
    """A cursor: "<pk>" or, with a field, "<iso datetime with offset>_<pk>"; None if
    malformed, and a malformed cursor means the first page. A stamp without an offset,
    or one that falls off the calendar in UTC (year 0 or 10000), is malformed too."""
    try:
        if field is None:
            pk = int(value)
            return (None, pk) if 0 <= pk <= MAX_ID else None
        stamp, pk = value.rsplit("_", 1)
        moment, pk = datetime.fromisoformat(stamp), int(pk)
        if moment.tzinfo is None or not 0 <= pk <= MAX_ID:
            return None
        return moment.astimezone(UTC), pk
    except (ValueError, TypeError, OverflowError):
        return None


def _cursor_of(row, field):
    return str(row.pk) if field is None else f"{getattr(row, field).isoformat()}_{row.pk}"


def _beyond(cursor, field, direction):
    """Rows strictly after (direction "gt") or before ("lt") the cursor in list order."""
    key, pk = cursor
    if field is None:
        return Q(**{f"pk__{direction}": pk})
    return Q(**{f"{field}__{direction}": key}) | Q(**{field: key, f"pk__{direction}": pk})


def keyset_page(queryset, params, *, size=25, descending=True, field=None):
    names = ["pk"] if field is None else [field, "pk"]
    forward_order = [f"-{n}" for n in names] if descending else names
    backward_order = names if descending else [f"-{n}" for n in names]
    forward, backward = ("lt", "gt") if descending else ("gt", "lt")
    after = _parse(params.get("after"), field) if params.get("after") else None
    before = _parse(params.get("before"), field) if params.get("before") else None
    if before is not None:
        rows = list(queryset.filter(_beyond(before, field, backward)).order_by(*backward_order)[: size + 1])
        has_prev, has_next = len(rows) > size, True
        rows = rows[:size]
        rows.reverse()
    else:
        if after is not None:
            queryset = queryset.filter(_beyond(after, field, forward))
        rows = list(queryset.order_by(*forward_order)[: size + 1])
        has_prev, has_next = after is not None, len(rows) > size
        rows = rows[:size]
    return KeysetPage(
        items=rows,
        next_cursor=_cursor_of(rows[-1], field) if rows and has_next else None,
        prev_cursor=_cursor_of(rows[0], field) if rows and has_prev else None,
    )
