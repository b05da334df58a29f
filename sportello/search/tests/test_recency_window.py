"""PostgreSQL asks GIN for the matches among the newest tickets first (each vector carries
its ticket's recency term) and searches every ticket only when those are too few: the
answer is the same as searching everything, with less heap read at a million tickets.
The planner's statistics decide whether the window is worth asking: not when the words
match so many tickets that walking the newest backwards is quicker, nor when they are too
rare to fill it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sportello.search.query import parse
from sportello.tickets import actions
from sportello.tickets.models import Ticket


@pytest.fixture
def postgres(db, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's engine")
    from sportello.search.engines import postgres

    monkeypatch.setattr(postgres, "BUCKET", 2)   # a window of the newest 4 or 5 ids
    monkeypatch.setattr(postgres, "WINDOW", 4)
    monkeypatch.setattr(postgres, "_lexeme_shares", lambda vector: None)   # as before the first ANALYZE
    return postgres


def newest(engine, text, tickets, limit):
    """(ids found, how many statements asked the index: 1 = the window was enough)."""
    with CaptureQueriesContext(connection) as queries:
        found = engine.candidates(engine.expression(parse(text), with_notes=True), tickets, limit=limit)
    asked = sum("ts_rank_cd" in query["sql"] for query in queries)
    return sorted(pk for pk, _score in found), asked


def test_the_newest_tickets_answer_first_and_all_tickets_when_they_are_too_few(people, open_ticket_for, postgres):
    made = [open_ticket_for(people.giulia, subject=f"Registro IVA {n}", description="Il registro iva non stampa")
            for n in range(12)]
    ids = [ticket.pk for ticket in made]
    everything = Ticket.objects.all()
    assert newest(postgres, "registro", everything, 2) == (ids[-2:], 1)
    assert newest(postgres, "registro", everything, 10) == (ids[-10:], 2)
    assert newest(postgres, '"registro iva"', everything, 30) == (ids, 2)
    # A status the index carries, and a filter it does not: the newest matching are found
    # however far back they are.
    for ticket in made[:3]:
        actions.change_status(ticket=ticket, status="closed", by=people.anna)
    closed = postgres.expression(parse("registro stato:chiuso"), with_notes=True, scope=[["sclosed"]])
    found = postgres.candidates(closed, Ticket.objects.filter(status="closed"), limit=2)
    assert sorted(pk for pk, _score in found) == ids[1:3]
    Ticket.objects.filter(pk=ids[0]).update(priority="urgent")
    assert newest(postgres, "registro", Ticket.objects.filter(priority="urgent"), 2) == ([ids[0]], 2)


def test_searches_that_match_few_tickets_ask_the_index_once(people, open_ticket_for, postgres):
    """A company's or a person's tickets, and a code prefix: the window would only add a query."""
    made = [open_ticket_for(people.giulia, subject=f"Registro IVA {n}", description="Registro") for n in range(12)]
    for scope in ([[f"c{people.acme.pk}"]], [[f"u{people.giulia.pk}"]]):
        expression = postgres.expression(parse("registro"), with_notes=False, scope=scope)
        with CaptureQueriesContext(connection) as queries:
            found = postgres.candidates(expression, Ticket.objects.filter(company=people.acme), limit=10)
        assert sorted(pk for pk, _score in found) == [t.pk for t in made[-10:]]
        assert sum("ts_rank_cd" in query["sql"] for query in queries) == 1
    code = made[0].code
    assert newest(postgres, f"registro codice:{code[2:]}", Ticket.objects.all(), 10) == ([made[0].pk], 1)


def test_a_new_ticket_carries_its_recency_term_and_the_upgrade_adds_the_same(people, open_ticket_for, postgres):
    for n in range(5):
        open_ticket_for(people.giulia, subject=f"Cespiti {n}", description="Ammortamento")
    written = postgres.snapshot()
    assert all(f"'§b{pk // 2}'" in public and f"'§b{pk // 2}'" in staff for pk, public, staff in written)
    with connection.cursor() as cursor:   # as vectors were before the upgrade
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")   # the test's inserts, checked before the DDL
        cursor.execute("UPDATE search_ticket_vector SET public_vector = ts_delete(public_vector, "
                       "ARRAY['§b' || (ticket_id / 2)::text]), staff_vector = ts_delete(staff_vector, "
                       "ARRAY['§b' || (ticket_id / 2)::text])")
    assert postgres.snapshot() != written
    postgres.add_recency_terms()
    assert postgres.snapshot() == written


@pytest.mark.parametrize(("shares", "other", "windowed"), [
    ({"registr": 0.3, "iva": 0.3}, 0.001, False),   # 9 % of the tickets: walking the newest is quicker
    ({"registr": 0.3, "iva": 0.05}, 0.001, True),   # 1.5 %, and the window can hold the matches wanted
    ({"registr": 0.3}, 0.001, False),               # "iva" not listed, so rarer than the rarest listed:
])                                                  # too rare to fill the window
def test_the_statistics_decide_whether_to_ask_the_window_first(people, open_ticket_for, postgres, monkeypatch,
                                                              shares, other, windowed):
    monkeypatch.setattr(postgres, "WINDOW", 4_000)   # the shares are a big desk's: a window of 4,000
    monkeypatch.setattr(postgres, "BUCKET", 2_000)   # ids holds 5 matches when 1 in 800 tickets match
    made = [open_ticket_for(people.giulia, subject=f"Registro IVA {n}", description="Il registro iva non stampa")
            for n in range(12)]
    monkeypatch.setattr(postgres, "_recent_buckets", lambda: "('§b0')")   # this desk's tickets, all recent
    monkeypatch.setattr(postgres, "_lexeme_shares", lambda vector: (shares, other))
    expression = postgres.expression(parse("registro iva"), with_notes=True)
    with CaptureQueriesContext(connection) as queries:
        found = postgres.candidates(expression, Ticket.objects.all(), limit=5)
    asked = [q["sql"] for q in queries if "ts_rank_cd" in q["sql"]]
    assert sorted(pk for pk, _score in found) == [t.pk for t in made[-5:]]
    assert len(asked) == 1 and ("§b0" in asked[0]) == windowed


def test_the_shares_are_the_planner_s_own(people, open_ticket_for, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's engine")
    from sportello.search.engines import postgres

    for n in range(30):
        open_ticket_for(people.giulia, subject=f"Registro {n}", description="Stampa" if n % 3 else "Backup notturno")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {postgres.TABLE}")
    monkeypatch.setattr(postgres, "_statistics", {})
    shares, other = postgres._lexeme_shares("staff_vector")
    assert shares["registr"] == pytest.approx(1.0) and shares["stamp"] == pytest.approx(2 / 3, abs=0.02)
    assert 0 < other <= min(shares.values())
    with CaptureQueriesContext(connection) as queries:
        assert postgres._lexeme_shares("staff_vector") == (shares, other)
    assert len(queries) == 0   # kept by the process: ANALYZE renews them seldom
