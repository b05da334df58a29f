"""Working minutes kept as a histogram, so a report can give the median of any slice
and period from one row per slice and year (or month). The buckets are narrow where answers
usually fall and widen after; a median is off by less than its bucket's width: 5
minutes under half an hour, 10 under two hours, 15 within a working day, 6–10% beyond."""

from bisect import bisect_right

# Lower bounds, in working minutes. The last bucket is open: its median is its bound.
# Stored rows name these bounds: changing them needs `manage.py rebuild_rollups`.
# 0–1 holds the answers given at once, so their median reads 0:00 rather than a few minutes.
BOUNDS = (
    0, 1, *range(5, 30, 5), *range(30, 120, 10), *range(120, 480, 15), *range(480, 960, 30),
    *range(960, 2880, 60), *range(2880, 9600, 240), *range(9600, 48000, 960), 48000,
)


def bucket_of(minutes):
    """The lower bound of the bucket holding `minutes` (negative counts as 0)."""
    return BOUNDS[max(0, bisect_right(BOUNDS, max(0, minutes)) - 1)]


def median(counts):
    """The median of a histogram {lower bound: count}, interpolated inside its bucket
    as if the values were spread evenly there; None when it is empty."""
    total = sum(n for n in counts.values() if n > 0)
    if not total:
        return None
    half, seen = total / 2, 0
    for bound in sorted(counts):
        n = counts[bound]
        if n <= 0:
            continue
        if seen + n >= half:
            index = BOUNDS.index(bound)
            if index + 1 == len(BOUNDS):
                return bound
            width = BOUNDS[index + 1] - bound
            return round(bound + width * (half - seen) / n)
        seen += n
    return None   # unreachable: the loop meets half before it ends
