"""Supervisors: first responses on time (by month, request type, technician) and
the office calendars' closing days."""

from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.access import supervisors_only
from sportello.accounts import audit
from sportello.reports import queries
from sportello.reports.periods import Period
from sportello.sla.calendars import public_holidays
from sportello.sla.changes import deadlines_changed
from sportello.sla.models import Calendar, ClosingDay, WorkingInterval

from .charts import bar_chart
from .forms import ClosingDaysForm
from .reports import breakdown_rows
from .views import sidebar_counts


def _share(rows):
    return [{"label": label, "total": f["answered"], "on_time": f["answered_on_time"],
             "percent": f.on_time_percent or 0} for label, f in rows if f["answered"]]


@supervisors_only
def report(request):
    """First responses of the last twelve months, from the rollups (see sportello.reports)."""
    today = timezone.localdate()
    first_month = (today.replace(day=1) - timedelta(days=335)).replace(day=1)
    period = Period("custom", first_month, today)
    months = _share(queries.by_month(period))
    return render(request, "console/service_levels.html", {
        "months": months, "types": _share((label, f) for _key, label, f in breakdown_rows("type", period)),
        "technicians": _share((label, f) for _key, label, f in breakdown_rows("technician", period)),
        "chart": bar_chart([(m["label"], m["percent"]) for m in months], percent=True, target=90,
                           title=_("First responses on time by month")),
        "counts": sidebar_counts(request)})


@supervisors_only
def calendars(request, form=None):
    today = timezone.localdate()
    rows = []
    for calendar in Calendar.objects.prefetch_related("intervals", "closing_days"):
        holidays = public_holidays(calendar.province, [today.year, today.year + 1])
        upcoming = sorted([(day, str(name), None) for day, name in holidays.items()
                           if today <= day <= today + timedelta(days=365)]
                          + [(c.day, c.description, c) for c in calendar.closing_days.all() if c.day >= today])
        rows.append({"calendar": calendar, "upcoming": upcoming, "hours": weekly_summary(calendar.intervals.all())})
    return render(request, "console/calendars.html", {
        "rows": rows, "form": form or ClosingDaysForm(), "counts": sidebar_counts(request)})


@supervisors_only
@require_POST
def add_closing_days(request):
    form = ClosingDaysForm(request.POST)
    if not form.is_valid():
        return calendars(request, form=form)
    data = form.cleaned_data
    with transaction.atomic():
        added = 0
        day = data["first_day"]
        while day <= data["last_day"]:
            _closing, created = ClosingDay.objects.get_or_create(calendar=data["calendar"], day=day,
                                                          defaults={"description": data["description"]})
            added += created
            day += timedelta(days=1)
        deadlines_changed()
        audit.record(audit.Kind.CALENDAR_CHANGED, actor=request.user, target=str(data["calendar"]),
                     detail=f"closing days {data['first_day']:%d-%m-%Y}–{data['last_day']:%d-%m-%Y}: "
                            f"{data['description']}")
    messages.success(request, _("%(count)s closing days added; open tickets' deadlines are being recomputed.")
                     % {"count": added})
    return redirect("console:calendars")


@supervisors_only
@require_POST
def remove_closing_day(request, pk):
    with transaction.atomic():
        closing = get_object_or_404(ClosingDay.objects.select_related("calendar"), pk=pk)
        closing.delete()
        deadlines_changed()
        audit.record(audit.Kind.CALENDAR_CHANGED, actor=request.user, target=str(closing.calendar),
                     detail=f"closing day removed: {closing.day:%d-%m-%Y} {closing.description}")
    messages.success(request, _("Closing day removed."))
    return redirect("console:calendars")


def weekly_summary(intervals):
    """"Lun–Ven 09:00–13:00, 14:00–18:00": consecutive days with the same hours grouped."""
    names = dict(WorkingInterval.Weekday.choices)
    by_day = {}
    for interval in intervals:
        by_day.setdefault(interval.weekday, []).append(f"{interval.starts:%H:%M}–{interval.ends:%H:%M}")
    groups = []
    for day in sorted(by_day):
        hours = ", ".join(by_day[day])
        if groups and groups[-1][1] == day - 1 and groups[-1][2] == hours:
            groups[-1][1] = day
        else:
            groups.append([day, day, hours])
    return [(str(names[first])[:3] if first == last else f"{str(names[first])[:3]}–{str(names[last])[:3]}", hours)
            for first, last, hours in groups]
