"""Supervisors: first responses on time (by month, request type, technician) and
the office calendars' closing days."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.access import supervisors_only
from sportello.accounts import audit
from sportello.sla.calendars import public_holidays
from sportello.sla.changes import deadlines_changed
from sportello.sla.models import Calendar, ClosingDay, WorkingInterval
from sportello.tickets.models import Ticket

from .forms import ClosingDaysForm
from .views import sidebar_counts

ON_TIME = Count("id", filter=Q(first_response_met=True))


def _share(rows, label):
    return [{"label": row[label] or "—", "total": row["total"], "on_time": row["on_time"],
             "percent": round(100 * row["on_time"] / row["total"]) if row["total"] else 0} for row in rows]


@supervisors_only
def report(request):
    """Three grouped queries over the last twelve months of first responses."""
    today = timezone.localdate()
    first_month = (today.replace(day=1) - timedelta(days=335)).replace(day=1)
    since = timezone.make_aware(datetime.combine(first_month, time(0)))
    answered = Ticket.objects.filter(first_response_met__isnull=False, first_response_at__gte=since).order_by()
    months = _share(answered.annotate(month=TruncMonth("first_response_at")).values("month")
                    .annotate(total=Count("id"), on_time=ON_TIME).order_by("month"), "month")
    types = _share(answered.values("request_type__name").annotate(total=Count("id"), on_time=ON_TIME)
                   .order_by("request_type__name"), "request_type__name")
    technicians = _share(answered.values("assignee__full_name").annotate(total=Count("id"), on_time=ON_TIME)
                         .order_by("assignee__full_name"), "assignee__full_name")
    return render(request, "console/service_levels.html", {
        "months": months, "chart": _bar_chart(months), "types": types, "technicians": technicians,
        "counts": sidebar_counts(request)})


def _bar_chart(months, *, width=720, height=220, top=20, bottom=40):
    """Bar geometry for the SVG: one bar per month, height = share on time."""
    if not months:
        return None
    slot = width / max(len(months), 6)  # a lone month should not become one huge bar
    bars = []
    for index, month in enumerate(months):
        bar_height = (height - top - bottom) * month["percent"] / 100
        bars.append({"x": index * slot + slot * 0.15, "width": slot * 0.7, "y": height - bottom - bar_height,
                     "height": bar_height, "label_x": index * slot + slot / 2, "month": month["label"],
                     "percent": month["percent"], "value_y": height - bottom - bar_height - 6})
    return {"width": width, "height": height, "bars": bars, "baseline": height - bottom,
            "target_y": height - bottom - (height - top - bottom) * 0.9}


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
