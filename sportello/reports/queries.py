"""Reading the rollups: every figure is a sum over a few hundred small rows, whatever
the number of tickets."""

from collections import Counter, defaultdict
from datetime import date

from django.db.models import CharField, Count, Func, Q, Sum, Window
from django.db.models.functions import Rank

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


def first_slices(dimension, period, count):
    """([(key, Figures)] of the `count` slices with the most tickets opened, then answered,
    and every slice tied with the last of them; how many slices there are in all). The
    database ranks them, so a year by company hands Python fifty rows, not hundreds."""
    rows = (_rows(dimension, period).values_list("key").annotate(*SUMS.values()).order_by()
            .annotate(place=Window(Rank(), order_by=[SUMS["created"].desc(), SUMS["answered"].desc()]),
                      slices=Window(Count("*")))
            .filter(place__lte=count))
    found = [(key, Figures.of(sums), slices) for key, *sums, _place, slices in rows]
    return [(key, figures) for key, figures, _slices in found], (found[0][2] if found else 0)


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


def histograms(period, slices):
    """{(dimension, key, measure): Counter(bucket → count)} over the whole months the
    period touches (the years it covers whole read from the years' rows), for each
    (dimension, keys or None for every key, measures) of `slices`: one statement for all
    the medians of a page."""
    years, parts = period.years_and_months()
    which = Q()
    for dimension, keys, measures in slices:
        which |= Q(dimension=dimension, measure__in=measures, **({} if keys is None else {"key__in": list(keys)}))
    found = defaultdict(Counter)
    for dimension, key, measure, counts in MinutesHistogram.objects.filter(
            Q(grain="year", period__in=years) | Q(grain="month", period__in=parts)).filter(which).values_list(
            "dimension", "key", "measure", "counts"):
        found[dimension, key, measure].update(histogram(counts))   # a slice's months (and years) add up
    return found


def medians_of(found, dimension):
    """{key: (median working minutes to the first response, to the resolution)} of one
    dimension's histograms in `found` (histograms())."""
    return {key: (median(found[dimension, key, "answer"]), median(found[dimension, key, "resolution"]))
            for key in {key for d, key, _measure in list(found) if d == dimension}}


def medians(dimension, period, keys=None):
    """{key: (median to the first response, to the resolution)} over the whole months the
    period touches; `keys` limits it to the slices shown."""
    return medians_of(histograms(period, [(dimension, keys, TICKET_MEASURES)]), dimension)


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
    return live_by(dimension)[dimension]


def live_by(*dimensions):
    """{dimension: {key: Counter(status → tickets)}} now, for several dimensions at once."""
    out = {dimension: defaultdict(Counter) for dimension in dimensions}
    for dimension, key, status, count in LiveTally.objects.filter(
            dimension__in=dimensions, count__gt=0).values_list("dimension", "key", "status", "count"):
        out[dimension][key][status] = count
    return out
