"""Supervisors' reports: volumes, first responses and resolutions over a month,
quarter, year or any range, broken down by company, request type, technician or
channel; read from the rollups, so a year at a million tickets costs what a day does."""

from datetime import date, timedelta

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sportello.access import supervisors_only
from sportello.accounts import audit
from sportello.accounts.models import User
from sportello.customers.models import Company, LedgerEntry
from sportello.reports import activity, queries
from sportello.reports.callbacks import WAIT
from sportello.reports.periods import Period
from sportello.reports.rollups import TICKET_MEASURES
from sportello.text import CleanTextForm
from sportello.tickets.models import RequestType, Ticket
from sportello.web import exports

from .charts import bar_chart
from .forms import DateInput
from .views import sidebar_counts

BREAKDOWNS = [("type", gettext_lazy("Request type")), ("technician", gettext_lazy("Technician")),
              ("channel", gettext_lazy("Channel")), ("company", gettext_lazy("Company"))]
SHOWN_ROWS = 50   # the rest is in the export


class ReportForm(CleanTextForm, forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Period"), required=False, initial="year", choices=[
        ("month", gettext_lazy("Month")), ("quarter", gettext_lazy("Quarter")), ("year", gettext_lazy("Year")),
        ("custom", gettext_lazy("From… to…"))])
    day = forms.DateField(label=gettext_lazy("Containing the day"), required=False,
                          widget=DateInput())
    start = forms.DateField(label=gettext_lazy("From"), required=False,
                            widget=DateInput())
    end = forms.DateField(label=gettext_lazy("To"), required=False,
                          widget=DateInput())
    by = forms.ChoiceField(label=gettext_lazy("Broken down by"), required=False, choices=BREAKDOWNS)

    def clean(self):
        data = super().clean()
        if data.get("period") == "custom":
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError(_("Give both the first and the last day of the period."))
            if end < start:
                raise forms.ValidationError(_("The last day comes before the first one."))
            if end - start > timedelta(days=3660):
                raise forms.ValidationError(_("A period can be at most ten years long."))
        return data

    def chosen(self):
        """The period asked for; this year when the form is empty or wrong."""
        today = timezone.localdate()
        if not self.is_valid():
            return Period.around("year", today)
        data = self.cleaned_data
        if data.get("period") == "custom":
            return Period("custom", data["start"], data["end"])
        day = data.get("day") or today
        return Period.around(data.get("period") or "year", max(min(day, date(9998, 1, 1)), date(1900, 1, 1)))

    def breakdown(self):
        return (self.cleaned_data.get("by") if self.is_valid() else None) or "type"


def _labels(dimension, keys):
    numbers = [int(k) for k in keys if k.isdigit()]
    if dimension == "type":
        return dict(RequestType.objects.filter(pk__in=numbers).values_list("pk", "name"))
    if dimension == "technician":
        return {0: _("Nobody"), **dict(User.objects.filter(pk__in=numbers).values_list("pk", "full_name"))}
    if dimension == "company":
        return dict(Company.objects.filter(pk__in=numbers).values_list("pk", "name"))
    return {key: Ticket.Channel(key).label for key in keys if key in Ticket.Channel.values}


def _volume(f):
    return -f["created"], -f["answered"]


def _named(dimension, figures, keys):
    """[(key, label, Figures)] of `keys`, biggest volume first, equal volumes by name."""
    labels = _labels(dimension, keys)
    rows = [(key, str(labels.get(int(key) if key.isdigit() else key, key)), figures[key]) for key in keys]
    rows.sort(key=lambda row: (*_volume(row[2]), row[1], row[0]))   # the key: same names keep one order
    return rows


def breakdown_rows(dimension, period):
    """[(key, label, Figures)] of every slice, biggest volume first (equal volumes by name)."""
    figures = queries.breakdown(dimension, period)
    return _named(dimension, figures, list(figures))


def first_breakdown_rows(dimension, period, count):
    """(the first `count` rows of breakdown_rows, how many there are in all), naming only
    the rows kept: a year by company has hundreds, and the page shows fifty."""
    first, slices = queries.first_slices(dimension, period, count)
    return _named(dimension, dict(first), [key for key, _figures in first])[:count], slices


def _hours(minutes):
    return f"{minutes // 60}:{minutes % 60:02d}" if minutes is not None else ""


def _percent(value):
    return f"{value}%" if value is not None else ""


COLUMNS = [gettext_lazy("Opened"), gettext_lazy("First responses"), gettext_lazy("On time"),
           gettext_lazy("Median first response (working h:mm)"), pgettext_lazy("report column", "Resolved"),
           gettext_lazy("Resolved on time"), gettext_lazy("Median resolution (working h:mm)")]
# Downloads add the averages, which a spreadsheet may want to weigh.
EXPORT_COLUMNS = [*COLUMNS, gettext_lazy("Average first response (working h:mm)"),
                  gettext_lazy("Average resolution (working h:mm)")]
NO_MEDIANS = (None, None)


def _cells(f, medians):
    return [f["created"], f["answered"], _percent(f.on_time_percent), _hours(medians[0]), f["resolved"],
            _percent(f.resolved_on_time_percent), _hours(medians[1])]


def _export_cells(f, medians):
    return [*_cells(f, medians), _hours(f.answer_average), _hours(f.resolution_average)]


def _opened_chart(period):
    """(tickets opened by day over a month or so, by month over longer periods; the whole
    desk's figures of the period, added up from the same rows)."""
    totals = queries.Figures()
    if period.end - period.start <= timedelta(days=62):
        days = queries.by_day(period.start, period.end)
        for figures in days.values():
            totals.update(figures)
        points = [(day, days[day]["created"] if day in days else 0)
                  for day in (period.start + timedelta(days=n) for n in range((period.end - period.start).days + 1))]
        return bar_chart(points, title=_("Tickets opened by day"), daily=True, width=max(720, 24 * len(points))), totals
    months = queries.by_month(period)
    for _month, figures in months:
        totals.update(figures)
    return bar_chart([(m, f["created"]) for m, f in months], title=_("Tickets opened by month")), totals


@supervisors_only
def report(request):
    form = ReportForm(request.GET or None)
    period, dimension = form.chosen(), form.breakdown()
    label = dict(BREAKDOWNS)[dimension]
    fmt = request.GET.get("format")
    if fmt in exports.FORMATS:
        audit.record(audit.Kind.EXPORT, actor=request.user, target=f"report {dimension} {period.label} {fmt}")
        rows = breakdown_rows(dimension, period)
        medians = queries.medians(dimension, period)
        return exports.export(fmt, filename=f"rapporto-{dimension}-{period.start:%d-%m-%Y}-{period.end:%d-%m-%Y}",
                              header=[label, *EXPORT_COLUMNS],
                              rows=([name, *_export_cells(f, medians.get(key, NO_MEDIANS))] for key, name, f in rows))
    shown, count = first_breakdown_rows(dimension, period, SHOWN_ROWS)
    found = queries.histograms(period, [(dimension, [key for key, _name, _f in shown], TICKET_MEASURES),
                                        ("all", [""], (*TICKET_MEASURES, WAIT))])
    medians = queries.medians_of(found, dimension)
    chart, totals = _opened_chart(period)
    moved = queries.units_moved(period)
    return render(request, "console/reports.html", {
        "form": form, "period": period, "dimension_label": label,
        "rows": [(name, _cells(f, medians.get(key, NO_MEDIANS))) for key, name, f in shown],
        "hidden_rows": max(0, count - SHOWN_ROWS), "columns": COLUMNS,
        "totals": _cells(totals, queries.medians_of(found, "all").get("", NO_MEDIANS)),
        "whole_months": period.start.day != 1 or (period.end + timedelta(days=1)).day != 1,
        "calls": activity.callbacks(period, waits=found["all", "", WAIT]), "topics": activity.one_topic(period),
        "units": [(label, *moved.get(kind, (0, 0))) for kind, label in LedgerEntry.Kind.choices],
        "chart": chart,
        "previous": period.previous(), "next": period.next(), "counts": sidebar_counts(request)})
