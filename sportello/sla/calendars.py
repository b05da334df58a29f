"""From calendar rows (and Italy's public holidays) to a WorkingCalendar."""

from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

from .business_time import WorkingCalendar
from .models import Calendar


def public_holidays(province, years):
    """Italy's public holidays with their names (and the province's patron saint)."""
    return holidays.Italy(years=years, subdiv=province or None)


@lru_cache(maxsize=32)
def _holiday_dates(province, first_year, last_year):
    # Computing six years of holidays takes milliseconds; every deadline refresh needs them.
    return frozenset(public_holidays(province, range(first_year, last_year + 1)))


def load_calendar(key=Calendar.OFFICE) -> WorkingCalendar:
    calendar = Calendar.objects.prefetch_related("intervals", "closing_days").get(key=key)
    this_year = timezone.localdate().year
    # Holidays of the years any open ticket can still touch.
    closed = set(_holiday_dates(calendar.province, this_year - 2, this_year + 3))
    closed.update(day.day for day in calendar.closing_days.all())
    weekly = {}
    for interval in calendar.intervals.all():
        weekly.setdefault(interval.weekday, []).append((interval.starts, interval.ends))
    return WorkingCalendar(timezone=ZoneInfo(settings.TIME_ZONE), weekly=weekly, closed_days=frozenset(closed))
