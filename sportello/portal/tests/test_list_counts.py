"""The status tabs of the reserved area's list count what each person may see: an
administrator the whole company (read from the live rollups, never by counting the
company's history), a contact their own tickets, never another company's."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sportello.tickets.actions import change_status, claim_ticket


def tabs(response):
    """{tab label: number} as the page shows them."""
    return {label.strip(): int(n) for label, n in
            re.findall(r'<a href="[^"]*"[^>]*>([^<]+)<span class="count">(\d+)</span>', response.text)}


def test_each_person_counts_what_they_may_see(people, open_ticket_for, login):
    giulia_first, giulia_second = open_ticket_for(people.giulia), open_ticket_for(people.giulia)
    mario_own = open_ticket_for(people.mario)
    for _ in range(3):
        open_ticket_for(people.luca)
    claim_ticket(ticket=giulia_first, technician=people.anna)
    change_status(ticket=mario_own, status="closed", by=people.anna)

    admin = tabs(login(people.mario).get("/portal/"))
    assert (admin["Tutti"], admin["Nuovo"], admin["In lavorazione"], admin["Chiuso"]) == (3, 1, 1, 1)
    contact = tabs(login(people.giulia).get("/portal/"))
    assert (contact["Tutti"], contact["Nuovo"], contact["In lavorazione"], contact["Chiuso"]) == (2, 1, 1, 0)
    other = tabs(login(people.luca).get("/portal/"))
    assert (other["Tutti"], other["Nuovo"], other["Chiuso"]) == (3, 3, 0)
    assert giulia_second.status == "new"


def test_the_counts_do_not_read_the_tickets_history(people, open_ticket_for, login):
    for _ in range(4):
        open_ticket_for(people.giulia)
    for person, expected in ((people.mario, 4), (people.giulia, 4)):
        client = login(person)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/portal/")
        assert tabs(response)["Tutti"] == expected
        grouped = [q["sql"] for q in queries if "GROUP BY" in q["sql"] and "tickets_ticket" in q["sql"]]
        assert not grouped, grouped


def test_a_contact_moved_to_another_company_counts_only_the_new_companys_tickets(people, open_ticket_for, login):
    """visible_to() shows a contact their tickets of their company: so do the tabs."""
    from sportello.customers.models import Contact

    open_ticket_for(people.giulia)
    Contact.objects.filter(user=people.giulia).update(company=people.beta)
    people.giulia.refresh_from_db()
    assert tabs(login(people.giulia).get("/portal/"))["Tutti"] == 0
