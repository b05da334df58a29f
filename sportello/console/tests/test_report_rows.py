"""A report page shows the fifty biggest slices and names only those (a year by company
has hundreds): the rows shown must be exactly the first fifty of the whole ordered list,
equal volumes by name, and the count of the others exact. The database ranks the slices,
so the rows are real rollup rows, each slice's figures spread over several days."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.console import reports
from sportello.reports.models import Tally
from sportello.reports.periods import Period

volumes = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.text("abcxyz", min_size=1, max_size=3)),
                   min_size=0, max_size=120)
PERIOD = Period.around("month", date(2026, 3, 1))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(volumes=volumes, first=st.integers(1, 60))
def test_the_first_rows_are_those_of_the_whole_list(db, volumes, first):
    Tally.objects.all().delete()
    rows = []
    for n, (created, answered, _name) in enumerate(volumes):
        # Opened on the 2nd, answered on the 3rd: the ranking must add a slice's days up.
        rows.append(Tally(dimension="type", key=str(n), period=date(2026, 3, 2), created=created, answered=0))
        rows.append(Tally(dimension="type", key=str(n), period=date(2026, 3, 3), created=0, answered=answered))
    # Outside the period, and another dimension: never counted.
    rows += [Tally(dimension="type", key="0", period=date(2026, 4, 1), created=50),
             Tally(dimension="technician", key="0", period=date(2026, 3, 2), created=50)]
    Tally.objects.bulk_create(rows)
    names = {n: name for n, (_c, _a, name) in enumerate(volumes)}
    asked = []

    def labels(dimension, keys):
        asked.append(len(list(keys)))
        return {int(key): names[int(key)] for key in keys}

    original, reports._labels = reports._labels, labels
    try:
        everything = reports.breakdown_rows("type", PERIOD)
        shown, count = reports.first_breakdown_rows("type", PERIOD, first)
    finally:
        reports._labels = original
    assert [(-f["created"], -f["answered"], name) for _key, name, f in everything] == sorted(
        (-created, -answered, name) for created, answered, name in volumes)
    assert [(key, name, dict(f)) for key, name, f in shown] == [
        (key, name, dict(f)) for key, name, f in everything[:first]]
    assert count == len(volumes)
    ties = sum(1 for _key, _name, f in everything if shown and (f["created"], f["answered"]) ==
               (shown[-1][2]["created"], shown[-1][2]["answered"]))
    assert asked[-1] <= first + ties
