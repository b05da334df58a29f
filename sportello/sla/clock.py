"""A service-level clock: pure arithmetic over a list of pauses, resumes and a stop."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from .business_time import add_working_time, working_time_between

AT_RISK_SHARE = 0.75


@dataclass(frozen=True)
class ClockResult:
    target: timedelta
    elapsed: timedelta          # working time counted until the stop, the pause, or the last change
    running: bool
    stopped_at: datetime | None
    due_at: datetime | None     # when the target is (or was) reached; None while paused before reaching it
    at_risk_at: datetime | None

    @property
    def met(self):
        return None if self.stopped_at is None else self.elapsed <= self.target


def run_clock(calendar, *, target: timedelta, start, changes) -> ClockResult:
    """`changes` are (instant, "pause" | "resume" | "stop") in order. The clock runs
    from `start`; time counts only while running and only in working hours."""
    risk = target * AT_RISK_SHARE
    elapsed, running, since = timedelta(0), True, start
    due_at = at_risk_at = None

    def count_until(until):
        nonlocal elapsed, due_at, at_risk_at
        span = working_time_between(calendar, since, until)
        if at_risk_at is None and elapsed + span >= risk:
            at_risk_at = add_working_time(calendar, since, risk - elapsed)
        if due_at is None and elapsed + span >= target:
            due_at = add_working_time(calendar, since, target - elapsed)
        elapsed += span

    for at, change in changes:
        if change == "pause" and running:
            count_until(at)
            running = False
        elif change == "resume" and not running:
            since, running = at, True
        elif change == "stop":
            if running:
                count_until(at)
            return ClockResult(target, elapsed, False, at, due_at, at_risk_at)
    if running:
        due_at = due_at or add_working_time(calendar, since, target - elapsed)
        at_risk_at = at_risk_at or add_working_time(calendar, since, max(risk - elapsed, timedelta(0)))
    return ClockResult(target, elapsed, running, None, due_at, at_risk_at)
