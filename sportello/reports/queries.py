"""Reading the rollups: every figure is a sum over a few hundred small rows, whatever
the number of tickets."""

from collections import Counter, defaultdict
from datetime import date

from django.db.models import CharField, Func, Q, Sum

from sportello.counters import histogram

from .histogram import median
from .models import LiveTally, MinutesHistogram, Tally
from .rollups import TICKET_MEASURES

SUMS = {name: Sum(name) for name in Tally.COUNTERS}


class Figures(Counter):
    """Counters of one slice with the shares and averages reports show. Only the
    counters default to 0, so templates reach the properties (they look keys up first)."""

    def __missing__(self, key):
        if key in Tally.COUNTERS:
            return 0
        raise KeyError(key)

    @classmethod
    def of(cls, sums):
        """Figures of Tally.COUNTERS' sums, in that order (a NULL sum is 0); dict's own
        update, as Counter's checks every value it adds (hundreds of slices a report)."""
        figures = cls()
        dict.update(figures, zip(Tally.COUNTERS, [value or 0 for value in sums], strict=True))
        return figures

    @property
    def on_time_percent(self):
        return round(100 * self["answered_on_time"] / self["answered"]) if self["answered"] else None

    @property
    def answer_average(self):
        return round(self["answer_minutes"] / self["answered"]) if self["answered"] else None

    @property
    def resolved_on_time_percent(self):
        return round(100 * self["resolved_on_time"] / self["resolved"]) if self["resolved"] else None

    @property
    def resolution_average(self):
        return round(self["resolution_minutes"] / self["resolved"]) if self["resolved"] else None


def _rows(dimension, period):
    if dimension == Tally.Dimension.COMPANY:   # whole months; whole years from their own rows
        years, months = period.years_and_months()
        return Tally.objects.filter(Q(dimension=Tally.Dimension.COMPANY_YEAR, period__in=years)
                                    | Q(dimension=dimension, period__in=months))
    return Tally.objects.filter(dimension=dimension, period__gte=period.start, period__lte=period.end)


def breakdown(dimension, period):
    """{key: Figures} over the period, one grouped query on the rollup's index."""
    rows = _rows(dimension, period).values_list("key").annotate(*SUMS.values()).order_by()
    return {key: Figures.of(sums) for key, *sums in rows}


def totals(period):
    return breakdown(Tally.Dimension.ALL, period).get("", Figures())


class _Month(Func):
    """'YYYY-MM' of a date column, by the database's own string functions: Django's date
    functions on SQLite are Python callbacks, one call a row."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM')", **extra)


def by_month(period):
    """[(first day of month, Figures)] for every month the period touches, empty ones too:
    the database adds the days up (a year is twelve rows to read, not 365)."""
    rows = (_rows(Tally.Dimension.ALL, period).annotate(month=_Month("period")).values_list("month")
            .annotate(*SUMS.values()).order_by())
    found = {date(int(month[:4]), int(month[5:7]), 1): Figures.of(sums) for month, *sums in rows}
    return [(month, found.get(month) or Figures()) for month in period.months()]


def by_day(start, end):
    """{day: Figures} for the whole desk."""
    rows = Tally.objects.filter(dimension=Tally.Dimension.ALL, key="", period__gte=start, period__lte=end)
    return {row["period"]: Figures({n: row[n] for n in Tally.COUNTERS})
            for row in rows.values("period", *Tally.COUNTERS)}


def medians(dimension, period, keys=None):
    """{key: (median working minutes to the first response, to the resolution)} over the
    whole months the period touches, read from the years it covers whole and the other
    months; `keys` limits it to the slices shown."""
    years, parts = period.years_and_months()
    rows = MinutesHistogram.objects.filter(Q(grain="year", period__in=years) | Q(grain="month", period__in=parts),
                                           dimension=dimension, measure__in=TICKET_MEASURES)
    if keys is not None:
        rows = rows.filter(key__in=list(keys))
    histograms = defaultdict(Counter)
    for key, measure, counts in rows.values_list("key", "measure", "counts"):
        histograms[key, measure].update(histogram(counts))   # a slice's months (and years) add up
    return {key: (median(histograms[key, "answer"]), median(histograms[key, "resolution"]))
            for key in {key for key, _ in histograms}}


def units_moved(period, company_id=0):
    """{ledger kind: (units, movements)} over the months the period touches (the ledger
    rollup is kept by month); company_id 0 is the whole desk."""
    from sportello.customers.models import UnitMonth

    out = defaultdict(lambda: [0, 0])
    for kind, units, entries in UnitMonth.objects.filter(
            company_id=company_id, month__gte=period.start.replace(day=1), month__lte=period.end).values_list(
            "kind", "units", "entries"):
        out[kind][0] += units
        out[kind][1] += entries
    return {kind: tuple(v) for kind, v in out.items()}


def live_of(dimension, key):
    """Counter(status → tickets) of one slice now (one company, technician or customer contact)."""
    return Counter(dict(LiveTally.objects.filter(dimension=dimension, key=str(key), count__gt=0).values_list(
        "status", "count")))


def live(dimension):
    """{key: Counter(status → tickets)} now."""
    out = defaultdict(Counter)
    for key, status, count in LiveTally.objects.filter(dimension=dimension, count__gt=0).values_list(
            "key", "status", "count"):
        out[key][status] = count
    return out
