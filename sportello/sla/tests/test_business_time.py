"""Working-time arithmetic: the seed's cases as a table, and properties checked by
hypothesis over weekends, holidays, closing days and daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportello.sla.business_time import WorkingCalendar, add_working_time, is_open, next_open, working_time_between

ROME = ZoneInfo("Europe/Rome")
OFFICE = {d: [(time(9), time(13)), (time(14), time(18))] for d in range(5)}
PHONE = {d: [(time(10), time(12, 30)), (time(15), time(17))] for d in range(5)}


def rome(*args):
    return datetime(*args, tzinfo=ROME)


def office(*closed):
    return WorkingCalendar(timezone=ROME, weekly=OFFICE, closed_days=frozenset(closed))


# Monday 30 November 2026 made a holiday, as in the seed's example.
FRIDAY, MONDAY, TUESDAY = date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 1)


@pytest.mark.parametrize(("start", "hours", "due"), [
    (rome(2026, 11, 27, 17, 30), 4, rome(2026, 12, 1, 12, 30)),   # Friday 17:30, Monday closed → Tuesday 12:30
    (rome(2026, 11, 27, 17, 30), 8, rome(2026, 12, 1, 17, 30)),   # … → Tuesday 17:30
    (rome(2026, 11, 26, 10, 0), 4, rome(2026, 11, 26, 15, 0)),    # lunch break skipped
    (rome(2026, 11, 26, 12, 0), 1, rome(2026, 11, 26, 13, 0)),    # ends at closing time
    (rome(2026, 11, 26, 20, 0), 0, rome(2026, 11, 27, 9, 0)),     # zero from closed time = next opening
    (rome(2026, 11, 28, 11, 0), 2, rome(2026, 12, 1, 11, 0)),     # Saturday → Tuesday
])
def test_seed_deadlines(start, hours, due):
    assert add_working_time(office(MONDAY), start, timedelta(hours=hours)) == due


def test_daylight_saving_weekends_keep_wall_clock_hours():
    # 29 March 2026 (Sunday) clocks go forward; 25 October 2026 they go back.
    cal = office()
    assert add_working_time(cal, rome(2026, 3, 27, 17, 0), timedelta(hours=2)) == rome(2026, 3, 30, 10, 0)
    assert add_working_time(cal, rome(2026, 10, 23, 17, 0), timedelta(hours=2)) == rome(2026, 10, 26, 10, 0)
    assert working_time_between(cal, rome(2026, 3, 27, 9), rome(2026, 3, 30, 18)) == timedelta(hours=16)


def test_round_the_clock_calendar_counts_real_hours_on_change_days():
    always = WorkingCalendar(timezone=ROME, weekly={d: [(time(0), time(0))] for d in range(7)})
    assert working_time_between(always, rome(2026, 3, 29), rome(2026, 3, 30)) == timedelta(hours=23)
    assert working_time_between(always, rome(2026, 10, 25), rome(2026, 10, 26)) == timedelta(hours=25)


def test_open_and_next_open():
    cal = WorkingCalendar(timezone=ROME, weekly=PHONE, closed_days=frozenset({date(2026, 12, 8)}))
    assert is_open(cal, rome(2026, 12, 7, 10, 0)) and not is_open(cal, rome(2026, 12, 7, 12, 30))
    assert next_open(cal, rome(2026, 12, 7, 12, 45)) == rome(2026, 12, 7, 15, 0)
    assert next_open(cal, rome(2026, 12, 7, 17, 0)) == rome(2026, 12, 9, 10, 0)  # the 8th is a holiday


def test_a_calendar_without_hours_is_refused_not_looped():
    with pytest.raises(ValueError):
        add_working_time(WorkingCalendar(timezone=ROME, weekly={}), rome(2026, 1, 1), timedelta(hours=1))


# Instants from 2025 to 2027 (covering both daylight-saving changes of each year), any minute.
instants = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31),
                        timezones=st.just(UTC)).map(lambda d: d.replace(second=0, microsecond=0))
durations = st.integers(min_value=0, max_value=60 * 60).map(lambda minutes: timedelta(minutes=minutes))
closed_sets = st.frozensets(st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 1, 31)), max_size=40)
weeklies = st.sampled_from([OFFICE, PHONE, {d: [(time(8), time(20))] for d in range(6)}])


@settings(max_examples=300, deadline=None)
@given(start=instants, duration=durations, closed=closed_sets, weekly=weeklies)
def test_adding_then_measuring_gives_back_the_duration(start, duration, closed, weekly):
    cal = WorkingCalendar(timezone=ROME, weekly=weekly, closed_days=closed)
    due = add_working_time(cal, start, duration)
    assert due >= start
    assert working_time_between(cal, start, due) == duration


@settings(max_examples=300, deadline=None)
@given(start=instants, duration=durations, closed=closed_sets, weekly=weeklies)
def test_a_deadline_never_falls_in_closed_time(start, duration, closed, weekly):
    cal = WorkingCalendar(timezone=ROME, weekly=weekly, closed_days=closed)
    due = add_working_time(cal, start, duration)
    local = due.astimezone(ROME)
    assert local.date() not in closed and local.weekday() in weekly
    # Inside an opening interval, or exactly at its closing time.
    assert any(opens <= due <= closes for opens, closes in cal.intervals_on(local.date()))


@settings(max_examples=200, deadline=None)
@given(a=instants, b=instants, c=instants, closed=closed_sets)
def test_working_time_adds_up_over_consecutive_spans(a, b, c, closed):
    a, b, c = sorted([a, b, c])
    cal = office(*closed)
    assert working_time_between(cal, a, c) == working_time_between(cal, a, b) + working_time_between(cal, b, c)
