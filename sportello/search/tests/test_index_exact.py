"""The index written change by change equals the index rebuilt from scratch, after any
sequence of the desk's operations (the DESIGN's invariant for derived data)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.desk_script import OPERATIONS, enough_units, play
from sportello.search.engines import engine
from sportello.search.index import rebuild


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 5)), min_size=5, max_size=25))
def test_incremental_index_equals_a_rebuild(people, open_ticket_for, steps):
    enough_units(people)
    play(steps, people, open_ticket_for)
    incremental = engine().snapshot()
    rebuild()
    assert engine().snapshot() == incremental


def test_postgresql_keeps_long_word_statistics_for_the_planner(db):
    """With the default statistics a rare word looks common and the planner walks every
    ticket instead of the index (1 s at a million tickets): the columns keep a long list."""
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    from sportello.search.engines.postgres import STATISTICS

    with connection.cursor() as cursor:
        cursor.execute("SELECT attname, attstattarget FROM pg_attribute WHERE attrelid = 'search_ticket_vector'::regclass"
                       " AND attname IN ('public_vector', 'staff_vector') ORDER BY attname")
        assert cursor.fetchall() == [("public_vector", STATISTICS), ("staff_vector", STATISTICS)]
