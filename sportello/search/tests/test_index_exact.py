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
