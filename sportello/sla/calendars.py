"""From calendar rows (and Italy's public holidays) to a WorkingCalendar."""

from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

from .business_time import WorkingCalendar
from .models import Calendar


def public_holidays(province, years):
    return holidays.Italy(years=years, subdiv=province or None)


def load_calendar(key=Calendar.OFFICE) -> WorkingCalendar:
    calendar = Calendar.objects.prefetch_related("intervals", "closing_days").get(key=key)
    this_year = timezone.localdate().year
    # Holidays of the years any open ticket can still touch.
    closed = set(public_holidays(calendar.province, range(this_year - 2, this_year + 4)))
    closed.update(day.day for day in calendar.closing_days.all())
    weekly = {}
    for interval in calendar.intervals.all():
        weekly.setdefault(interval.weekday, []).append((interval.starts, interval.ends))
    return WorkingCalendar(timezone=ZoneInfo(settings.TIME_ZONE), weekly=weekly, closed_days=frozenset(closed))
