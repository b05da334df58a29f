from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sportello.phone.hours import callback_target, line_status
from sportello.sla.models import ClosingDay

ROME = ZoneInfo("Europe/Rome")


def rome(*args):
    return datetime(*args, tzinfo=ROME)


@pytest.mark.parametrize(("now", "is_open", "edge"), [
    (rome(2026, 11, 25, 9, 59), False, rome(2026, 11, 25, 10, 0)),
    (rome(2026, 11, 25, 10, 0), True, rome(2026, 11, 25, 12, 30)),
    (rome(2026, 11, 25, 12, 29), True, rome(2026, 11, 25, 12, 30)),
    (rome(2026, 11, 25, 12, 30), False, rome(2026, 11, 25, 15, 0)),
    (rome(2026, 11, 25, 15, 0), True, rome(2026, 11, 25, 17, 0)),
    (rome(2026, 11, 25, 17, 0), False, rome(2026, 11, 26, 10, 0)),
    (rome(2026, 11, 27, 17, 30), False, rome(2026, 11, 30, 10, 0)),   # Friday evening → Monday
    (rome(2026, 12, 7, 17, 30), False, rome(2026, 12, 9, 10, 0)),     # 8 December is a holiday
    (rome(2026, 3, 27, 17, 0), False, rome(2026, 3, 30, 10, 0)),      # clocks change on the Sunday
    (rome(2026, 10, 23, 17, 0), False, rome(2026, 10, 26, 10, 0)),
])
def test_line_status_at_the_edges(defaults, now, is_open, edge):
    status = line_status(now)
    assert status.open == is_open
    assert (status.until if is_open else status.reopens) == edge


def test_closing_days_close_the_line(defaults):
    ClosingDay.objects.create(calendar_id=2, day=date(2026, 11, 26), description="Inventario")
    assert line_status(rome(2026, 11, 25, 17, 0)).reopens == rome(2026, 11, 27, 10, 0)


@pytest.mark.parametrize(("requested", "due"), [
    (rome(2026, 11, 27, 18, 0), rome(2026, 11, 30, 12, 30)),  # Friday evening: by Monday's first window
    (rome(2026, 11, 25, 11, 0), rome(2026, 11, 25, 17, 0)),   # line open: by the end of the next window
    (rome(2026, 11, 25, 13, 0), rome(2026, 11, 25, 17, 0)),   # lunch break: the afternoon window
    (rome(2026, 11, 28, 9, 0), rome(2026, 11, 30, 12, 30)),   # Saturday
])
def test_callback_target_is_the_end_of_the_next_phone_window(defaults, requested, due):
    target, at_risk = callback_target(requested)
    assert target == due
    assert requested < at_risk < due
