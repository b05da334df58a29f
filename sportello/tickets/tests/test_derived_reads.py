"""After a change, the search index and the rollups are brought up to date from one read
of the tickets (both sides need them) and one of their messages and received mail: each
statement costs more in Django's ORM than in the database, and every reply, claim and
status change pays for them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sportello.desk_script import desk_address, mail
from sportello.mail.inbound import receive
from sportello.reports.rollups import rebuild as recount
from sportello.reports.tests.test_rollups_exact import snapshot as counters
from sportello.search.engines import engine
from sportello.search.index import rebuild as reindex_all
from sportello.search.tests.test_search import found
from sportello.tickets import actions, derived


def reads(change):
    """{table: statements reading it} during `change`."""
    with CaptureQueriesContext(connection) as queries:
        change()
    selects = [q["sql"] for q in queries if q["sql"].lstrip("(").startswith("SELECT")]
    return {table: sum(f'FROM "{table}"' in sql for sql in selects)
            for table in ("tickets_ticket", "tickets_message", "mail_inboundmail")}


def test_refreshing_tickets_reads_them_once_and_their_texts_once(people, login, open_ticket_for):
    opened, _new = receive(mail(people.giulia.email, desk_address(), "Prospetto", "Vedete sotto.\n\n"
                                "> Da: Mario\n> La liquidità di ottobre non torna"))
    ticket = opened.ticket
    others = [open_ticket_for(people.giulia, subject=f"Richiesta {n}") for n in range(2)]
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Controlli il prospetto delle rimanenze.")
    actions.add_internal_note(ticket=ticket, author=people.anna, body="Sospetto un arrotondamento.")
    actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Le rimanenze tornano, grazie.")

    for ids in ([ticket.pk], [ticket.pk, *(t.pk for t in others)]):
        # Both messages and mail in one statement (a UNION): one read of each table.
        assert reads(lambda ids=ids: derived.refresh(*ids)) == {
            "tickets_ticket": 1, "tickets_message": 1, "mail_inboundmail": 1}

    # What each part wrote is found: the quoted lines only the received mail holds, the
    # reply, the note (staff only) and the customer's answer; nothing else changed.
    client = login(people.anna)
    for words in ("liquidita ottobre", "prospetto rimanenze", "arrotondamento", "tornano"):
        assert ticket.code in found(client, "/console/search/", words), words
    assert ticket.code not in found(login(people.giulia), "/portal/search/", "arrotondamento")
    index, counted = engine().snapshot(), counters()
    reindex_all()
    recount()
    assert engine().snapshot() == index and counters() == counted
