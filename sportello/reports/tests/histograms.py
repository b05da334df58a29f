"""The working-minutes histogram as one comparable row per bucket."""

from sportello.counters import histogram
from sportello.reports.models import MinutesHistogram


def histogram_buckets():
    """Sorted (dimension, grain, period, key, measure, bucket, count) of every non-zero bucket."""
    return sorted((row.dimension, row.grain, row.period, row.key, row.measure, bucket, n)
                  for row in MinutesHistogram.objects.all() for bucket, n in histogram(row.counts).items() if n)
