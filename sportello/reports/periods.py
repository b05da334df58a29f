"""Report periods: a month, a quarter, a year or any range of days (pure date arithmetic)."""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date   # inclusive

    @classmethod
    def around(cls, kind, day):
        """The month, quarter or year holding `day`."""
        if kind == "year":
            start = day.replace(month=1, day=1)
            return cls(kind, start, start.replace(month=12, day=31))
        if kind == "quarter":
            start = day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
            return cls(kind, start, start + relativedelta(months=3) - timedelta(days=1))
        start = day.replace(day=1)
        return cls("month", start, start + relativedelta(months=1) - timedelta(days=1))

    def previous(self):
        if self.kind == "custom":
            length = self.end - self.start + timedelta(days=1)
            return Period("custom", self.start - length, self.start - timedelta(days=1))
        return Period.around(self.kind, self.start - timedelta(days=1))

    def next(self):
        if self.kind == "custom":
            length = self.end - self.start + timedelta(days=1)
            return Period("custom", self.end + timedelta(days=1), self.end + length)
        return Period.around(self.kind, self.end + timedelta(days=1))

    def months(self):
        """First days of the months the period touches."""
        month, last = self.start.replace(day=1), self.end.replace(day=1)
        out = []
        while month <= last and len(out) < 1200:   # a hundred years at most
            out.append(month)
            month += relativedelta(months=1)
        return out

    def years_and_months(self):
        """The months the period touches as ([first days of the years it covers whole],
        [first days of its other months]): rollups kept by year and by month read a year
        as one row per slice."""
        by_year = {}
        for month in self.months():
            by_year.setdefault(month.year, []).append(month)
        years = [date(year, 1, 1) for year, months in by_year.items() if len(months) == 12]
        others = [month for months in by_year.values() if len(months) < 12 for month in months]
        return years, others

    def months_and_days(self):
        """The period as ([first days of the months it covers whole], [(first, last) day
        ranges left at its ends]): rollups kept by month and by day read a year as twelve
        rows per slice."""
        months = [month for month in self.months()
                  if month >= self.start and month + relativedelta(months=1) - timedelta(days=1) <= self.end]
        if not months:
            return [], [(self.start, self.end)]
        ranges, after = [], months[-1] + relativedelta(months=1)
        if self.start < months[0]:
            ranges.append((self.start, months[0] - timedelta(days=1)))
        if after <= self.end:
            ranges.append((after, self.end))
        return months, ranges

    @property
    def label(self):
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "quarter":
            return _("Q%(n)s %(year)s") % {"n": (self.start.month - 1) // 3 + 1, "year": self.start.year}
        if self.kind == "month":
            return date_format(self.start, "F Y")
        return f"{self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"
