"""A report page shows the fifty biggest slices and names only those (a year by company
has hundreds): the rows shown must be exactly the first fifty of the whole ordered list,
equal volumes by name, and the count of the others exact."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sportello.console import reports
from sportello.reports.queries import Figures

volumes = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.text("abcxyz", min_size=1, max_size=3)),
                   min_size=0, max_size=120)


@settings(max_examples=200, deadline=None)
@given(volumes=volumes, first=st.integers(1, 60))
def test_the_first_rows_are_those_of_the_whole_list(volumes, first):
    figures = {str(n): Figures(created=created, answered=answered) for n, (created, answered, _name) in enumerate(volumes)}
    names = {n: name for n, (_c, _a, name) in enumerate(volumes)}
    asked = []

    def labels(dimension, keys):
        asked.append(len(list(keys)))
        return {int(key): names[int(key)] for key in keys}

    original = (reports.queries.breakdown, reports._labels)
    reports.queries.breakdown, reports._labels = (lambda dimension, period: figures), labels
    try:
        everything = reports.breakdown_rows("company", None)
        shown, count = reports.first_breakdown_rows("company", None, first)
    finally:
        reports.queries.breakdown, reports._labels = original
    assert shown == everything[:first]
    assert count == len(volumes)
    ties = sum(1 for f in figures.values() if shown and (f["created"], f["answered"]) ==
               (shown[-1][2]["created"], shown[-1][2]["answered"]))
    assert asked[-1] <= first + ties
