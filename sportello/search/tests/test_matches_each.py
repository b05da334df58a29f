"""Similar tickets ask the index for several words' matches in one statement
(matches_each): each list must be what the word alone finds (the newest `limit`, only
among the tickets given), and the panel asks the index once however many words it uses."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sportello.search.engines import engine
from sportello.search.query import Query
from sportello.search.text import query_stems
from sportello.tickets import actions
from sportello.tickets.models import Ticket


def _expressions(search, words):
    return [search.expression(Query(text="", terms=[query_stems(word)]), with_notes=False) for word in words]


def test_each_list_is_what_its_word_finds_alone(people, open_ticket_for):
    for n in range(7):
        open_ticket_for(people.giulia if n % 2 else people.luca, subject=f"Ritenute F24 numero {n}",
                        description="Delega da stampare" if n % 3 else "Registro IVA")
    search = engine()
    words = ["ritenute", "stampare", "registro", "inesistente", "delega"]
    # How many tickets each of the first four words is in: every ticket, or Acme's (the odd ones).
    for tickets, counts in ((Ticket.objects.all(), [7, 4, 3, 0]), (Ticket.objects.filter(company=people.acme),
                                                                    [3, 2, 1, 0])):
        for limit in (2, 50):
            together = search.matches_each(_expressions(search, words), tickets, limit=limit)
            alone = [[pk for pk, _score in search.candidates(expression, tickets, limit=limit, rank=False)]
                     for expression in _expressions(search, words)]
            assert [sorted(ids) for ids in together] == [sorted(ids) for ids in alone]
            assert [len(ids) for ids in together[:4]] == [min(limit, n) for n in counts]


def test_the_panel_asks_the_index_once(people, login, open_ticket_for):
    solved = open_ticket_for(people.mario, subject="Modello F24 con ritenute", description="Delega F24 del mese")
    actions.claim_ticket(ticket=solved, technician=people.anna)
    actions.reply_to_customer(ticket=solved, author=people.anna, then_status=Ticket.Status.RESOLVED, body="Fatto.")
    asking = open_ticket_for(people.luca, subject="Stampa F24", description="Delega F24 con ritenute del mese")
    with CaptureQueriesContext(connection) as captured:
        page = login(people.anna).get(reverse("console:similar", args=[asking.code])).text
    index = "search_ticket_fts" if connection.vendor == "sqlite" else "search_ticket_vector"
    assert sum(index in query["sql"] for query in captured) == 1 and solved.code in page
