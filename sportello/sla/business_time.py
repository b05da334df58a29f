"""Working-time arithmetic: pure functions, no database.

A calendar is a set of weekly opening intervals in local time plus closed days.
Working time is real elapsed time inside opening intervals, so an interval on a
daylight-saving day is exactly as long as the clock on the wall says it is, and
09:00 is 09:00 local time on both sides of the change.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Every loop walks at most this many days: a calendar with no opening in ten
# years is a mistake, not a reason to hang.
MAX_DAYS = 3660


@dataclass(frozen=True)
class WorkingCalendar:
    timezone: ZoneInfo
    # weekday (0 = Monday) -> sorted, non-overlapping (start, end) local times; end may be time(0) for midnight.
    weekly: dict
    closed_days: frozenset = field(default_factory=frozenset)

    def intervals_on(self, day: date):
        """The day's opening intervals as UTC datetimes (empty when closed).

        UTC, because Python subtracts and adds aware datetimes that share a tzinfo by
        their wall clocks, which is an hour off across a daylight-saving change."""
        if day in self.closed_days:
            return []
        result = []
        for start, end in self.weekly.get(day.weekday(), ()):
            opens = datetime.combine(day, start, tzinfo=self.timezone)
            end_day = day + timedelta(days=1) if end == time(0) else day
            closes = datetime.combine(end_day, end, tzinfo=self.timezone)
            result.append((opens.astimezone(UTC), closes.astimezone(UTC)))
        return result

    def has_openings(self):
        return any(self.weekly.get(d) for d in range(7))


def _local_day(calendar, instant):
    return instant.astimezone(calendar.timezone).date()


def _intervals_from(calendar, instant):
    """Opening intervals that end after `instant`, in order, clipped to start at it."""
    if not calendar.has_openings():
        raise ValueError("The calendar has no opening hours.")
    day = _local_day(calendar, instant) - timedelta(days=1)  # an interval may run past midnight
    for _ in range(MAX_DAYS):
        for opens, closes in calendar.intervals_on(day):
            if closes > instant:
                yield max(opens, instant), closes
        day += timedelta(days=1)
    raise ValueError("No opening hours in the next ten years.")


def is_open(calendar, instant) -> bool:
    day = _local_day(calendar, instant)
    return any(opens <= instant < closes
               for d in (day - timedelta(days=1), day) for opens, closes in calendar.intervals_on(d))


def next_open(calendar, instant) -> datetime:
    """`instant` if the calendar is open then, otherwise when it next opens."""
    for opens, _closes in _intervals_from(calendar, instant):
        return opens
    raise AssertionError("unreachable")


def add_working_time(calendar, start, duration: timedelta) -> datetime:
    """The instant when `duration` of working time has passed since `start`.
    A result that lands on a closing time stays there (a deadline at 18:00)."""
    if duration < timedelta(0):
        raise ValueError("duration must not be negative")
    remaining = duration
    for opens, closes in _intervals_from(calendar, start):
        span = closes - opens
        if remaining <= span:
            return opens + remaining
        remaining -= span
    raise AssertionError("unreachable")


def working_time_between(calendar, start, end) -> timedelta:
    """Working time inside [start, end); zero when end is not after start."""
    total = timedelta(0)
    if end <= start:
        return total
    for opens, closes in _intervals_from(calendar, start):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return total
