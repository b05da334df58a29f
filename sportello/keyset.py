"""Keyset pagination by primary key: every page costs one indexed query, however
deep the list goes (OFFSET would read and skip every earlier row)."""

from dataclasses import dataclass


@dataclass
class KeysetPage:
    items: list
    next_cursor: int | None  # pass as ?after= to continue
    prev_cursor: int | None  # pass as ?before= to go back


def _cursor(params, name):
    value = params.get(name, "")
    return int(value) if value.isdigit() else None


def keyset_page(queryset, params, *, size=25, descending=True):
    after, before = _cursor(params, "after"), _cursor(params, "before")
    forward, backward = ("lt", "gt") if descending else ("gt", "lt")
    forward_order, backward_order = ("-pk", "pk") if descending else ("pk", "-pk")
    if before is not None:
        rows = list(queryset.filter(**{f"pk__{backward}": before}).order_by(backward_order)[: size + 1])
        has_prev, has_next = len(rows) > size, True
        rows = rows[:size]
        rows.reverse()
    else:
        if after is not None:
            queryset = queryset.filter(**{f"pk__{forward}": after})
        rows = list(queryset.order_by(forward_order)[: size + 1])
        has_prev, has_next = after is not None, len(rows) > size
        rows = rows[:size]
    return KeysetPage(
        items=rows,
        next_cursor=rows[-1].pk if rows and has_next else None,
        prev_cursor=rows[0].pk if rows and has_prev else None,
    )
