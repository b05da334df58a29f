"""A customer contact's list ("my tickets", newest first, and by status) names both the
contact and the company (visible_to). It must be read from one index holding both, in
its order, on both databases: PostgreSQL took the two conditions for independent, ANDed
two bitmaps and sorted every ticket the contact had ever opened (growing with history)."""

import pytest
from django.db import connection

from sportello.tickets.models import Ticket


def _plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test table is tiny: reading it whole, or sorting what a bitmap found, costs
            # nothing, and the statistics are whatever earlier tests left. With those priced
            # out the plan shows whether an index serves both conditions in the list's order.
            for method in ("seqscan", "bitmapscan", "sort"):
                cursor.execute(f"SET LOCAL enable_{method} = off")
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            return cursor.fetchone()[0]
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


def _nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("status", [None, Ticket.Status.NEW])
def test_a_contact_s_list_walks_one_index_of_contact_and_company(people, open_ticket_for, status):
    for n in range(3):   # Giulia's, among her colleague's and another company's
        open_ticket_for(people.giulia, subject=f"Richiesta {n}")
        open_ticket_for(people.mario, subject=f"Altra {n}")
        open_ticket_for(people.luca, subject=f"Beta {n}")
    tickets = Ticket.objects.visible_to(people.giulia)
    if status:
        tickets = tickets.filter(status=status)
    listed = tickets.order_by("-id")[:26]
    assert len(listed) == 3
    plan = _plan(listed)
    if connection.vendor == "postgresql":
        nodes = list(_nodes(plan[0]["Plan"]))
        kinds = [node["Node Type"] for node in nodes]
        assert "Sort" not in kinds and "BitmapAnd" not in kinds, kinds
        [scan] = [node for node in nodes if node["Node Type"].startswith("Index")]
        assert "contact_id" in scan["Index Cond"] and "company_id" in scan["Index Cond"], scan
    else:
        [line] = [line for line in plan if "tickets_ticket" in line]
        assert "contact_id=? AND company_id=?" in line, plan
        assert not any("TEMP B-TREE" in line for line in plan), plan
