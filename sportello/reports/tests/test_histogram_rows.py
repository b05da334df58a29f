"""A slice's working-minutes histogram is one row whose buckets the database adds to:
any sequence of additions and removals leaves the bucket-by-bucket sums (empty buckets
dropped), and writers adding to the same row at the same moment lose nothing."""

from collections import Counter
from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.counters import add_to_histograms, histogram
from sportello.reports.models import MinutesHistogram
from sportello.reports.rollups import HISTOGRAM_KEY
from sportello.testing import run_together

TABLE = MinutesHistogram._meta.db_table
SLICES = [("company", "year", date(2026, 1, 1), "7", "answer"), ("company", "year", date(2026, 1, 1), "7", "resolution"),
          ("all", "month", date(2026, 3, 1), "", "answer")]


def stored():
    return {(row.dimension, row.grain, row.period, row.key, row.measure): histogram(row.counts)
            for row in MinutesHistogram.objects.all()}


additions = st.lists(st.tuples(st.sampled_from(SLICES),
                               st.dictionaries(st.sampled_from([0, 1, 5, 45, 480, 48000]), st.integers(-3, 3),
                                               max_size=4)), max_size=12)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(additions, min_size=1, max_size=4))
def test_additions_and_removals_leave_the_sums_of_each_bucket(batches):
    MinutesHistogram.objects.all().delete()
    expected = {}
    for batch in batches:   # a call may name a slice several times, a bucket too
        add_to_histograms(TABLE, HISTOGRAM_KEY, "counts", [(*key, counts) for key, counts in batch])
        for key, counts in batch:
            expected.setdefault(key, Counter()).update(counts)
    sums = {key: {b: n for b, n in counts.items() if n} for key, counts in expected.items()}
    rows = stored()
    assert {key: counts for key, counts in rows.items() if counts} == {key: c for key, c in sums.items() if c}
    # A slice given only zeros gets no row; one whose buckets came back to 0 is empty.
    given_amounts = {key for batch in batches for key, counts in batch if any(counts.values())}
    assert set(rows) == given_amounts


@pytest.mark.django_db(transaction=True)
def test_writers_adding_to_the_same_histogram_at_once_lose_nothing():
    def writer(n):
        def add():
            with transaction.atomic():
                add_to_histograms(TABLE, HISTOGRAM_KEY, "counts",
                                  [(*SLICES[0], {5: 1, 45 * (n % 3): 2}), (*SLICES[2], {480: 1})])
        return add

    run_together([writer(n) for n in range(12)], timeout=120)
    rows = stored()
    assert rows[SLICES[0]] == {5: 12, 0: 8, 45: 8, 90: 8}
    assert rows[SLICES[2]] == {480: 12}
