"""A customer contact's list ("my tickets", newest first, and by status) names both the
contact and the company (visible_to). It must be read from one index holding both, in
its order: PostgreSQL took the two conditions for independent, ANDed two bitmaps and
sorted every ticket the contact had ever opened (growing with history; see the README's
figures at a million tickets)."""

import pytest
from django.db import connection

from sportello.tickets.models import Ticket

# The list's equality conditions, then its order.
CONTACT_LISTS = [["contact_id", "company_id", "id"], ["contact_id", "company_id", "status", "id"]]


@pytest.mark.parametrize("columns", CONTACT_LISTS)
def test_an_index_serves_each_contact_list_in_its_order(db, columns):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Ticket._meta.db_table)
    assert any(c["index"] and c["columns"] == columns for c in constraints.values()), columns


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's planner chooses by statistics: a test "
                    "table of nine rows says nothing (its plans at a million tickets are in the README)")
@pytest.mark.parametrize("status", [None, Ticket.Status.NEW])
def test_sqlite_walks_one_index_of_contact_and_company(people, open_ticket_for, status):
    for n in range(3):   # Giulia's, among her colleague's and another company's
        open_ticket_for(people.giulia, subject=f"Richiesta {n}")
        open_ticket_for(people.mario, subject=f"Altra {n}")
        open_ticket_for(people.luca, subject=f"Beta {n}")
    tickets = Ticket.objects.visible_to(people.giulia)
    if status:
        tickets = tickets.filter(status=status)
    listed = tickets.order_by("-id")[:26]
    assert len(listed) == 3
    sql, params = listed.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [row[-1] for row in cursor.fetchall()]
    [line] = [line for line in plan if "tickets_ticket" in line]
    assert "contact_id=? AND company_id=?" in line, plan
    assert not any("TEMP B-TREE" in line for line in plan), plan
