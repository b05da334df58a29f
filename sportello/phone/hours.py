"""The phone line's hours (the "phone" calendar: Mon–Fri 10:00–12:30 and 15:00–17:00,
without holidays and closing days) and the call-back target."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from sportello.sla.business_time import add_working_time, next_open, working_time_between
from sportello.sla.calendars import load_calendar
from sportello.sla.models import Calendar


@dataclass(frozen=True)
class LineStatus:
    open: bool
    until: datetime | None    # when it closes, if open
    reopens: datetime | None  # when it opens next, if closed


def current_time():
    """The clock the phone pages read (a seam for tests that need a Saturday)."""
    return timezone.now()


def line_status(now=None, calendar=None) -> LineStatus:
    calendar = calendar or load_calendar(Calendar.PHONE)
    now = now or current_time()
    opens = next_open(calendar, now)
    if opens > now:
        return LineStatus(False, None, opens)
    return LineStatus(True, _window_end(calendar, now), None)


def callback_target(requested_at, calendar=None):
    """(due, at risk): by the end of the next phone window that starts after the
    request; at risk once 75% of the line's open time until then has passed."""
    calendar = calendar or load_calendar(Calendar.PHONE)
    start = next_open(calendar, requested_at)
    if start <= requested_at:  # the line is open now: the next window, not the one ending soon
        start = next_open(calendar, _window_end(calendar, requested_at))
    due = _window_end(calendar, start)
    total = working_time_between(calendar, requested_at, due)
    return due, add_working_time(calendar, requested_at, total * 0.75)


def _window_end(calendar, instant):
    day = timezone.localtime(instant).date()
    for days in (day - timedelta(days=1), day):
        for start, end in calendar.intervals_on(days):
            if start <= instant < end:
                return end
    raise ValueError("not inside a window")
