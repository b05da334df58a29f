"""From calendar rows (and Italy's public holidays) to a WorkingCalendar."""

from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

from .business_time import WorkingCalendar
from .models import Calendar
from .policies import Targets


def public_holidays(province, years):
    """Italy's public holidays with their names (and the province's patron saint)."""
    return holidays.Italy(years=years, subdiv=province or None)


@lru_cache(maxsize=32)
def _holiday_dates(province, first_year, last_year):
    # Computing six years of holidays takes milliseconds; every deadline refresh needs them.
    return frozenset(public_holidays(province, range(first_year, last_year + 1)))


# key -> (version, WorkingCalendar, Targets). Every deadline refresh needs the calendar
# and the policies; reading their rows each time costs more than computing the deadline.
_loaded = {}


def load_rules(key=Calendar.OFFICE, *, fresh=False) -> tuple[WorkingCalendar, Targets]:
    """The calendar and the service-level policies as of their last change: one short
    query when nothing changed since this process last read them (a change to the
    calendar, its hours, its closing days or any policy moves the calendar's
    updated_at). `fresh`: read them again whatever the version says."""
    this_year = timezone.localdate().year
    version = (Calendar.objects.filter(key=key).values_list("pk", "updated_at").get(), this_year)
    cached = _loaded.get(key)
    if cached and cached[0] == version and not fresh:
        return cached[1:]
    calendar = Calendar.objects.prefetch_related("intervals", "closing_days").get(key=key)
    version = ((calendar.pk, calendar.updated_at), this_year)
    # Holidays of the years any open ticket can still touch.
    closed = set(_holiday_dates(calendar.province, this_year - 2, this_year + 3))
    closed.update(day.day for day in calendar.closing_days.all())
    weekly = {}
    for interval in calendar.intervals.all():
        weekly.setdefault(interval.weekday, []).append((interval.starts, interval.ends))
    working = WorkingCalendar(timezone=ZoneInfo(settings.TIME_ZONE), weekly=weekly, closed_days=frozenset(closed))
    targets = Targets()
    if not fresh:   # what was read past the version may not be committed: keep it to this call
        _loaded[key] = (version, working, targets)
    return working, targets


def load_calendar(key=Calendar.OFFICE) -> WorkingCalendar:
    return load_rules(key)[0]


def touch_calendars(sender, instance, **kwargs):
    """post_save / post_delete of opening hours, closing days and policies: what the
    deadlines are computed from changed."""
    calendars = Calendar.objects.filter(pk=instance.calendar_id) if hasattr(instance, "calendar_id") else \
        Calendar.objects.all()
    calendars.update(updated_at=timezone.now())
