"""Call-backs counted as they change, for the reports: requests by the state they are in
now (on the day they were asked for), attempts by outcome (on the day they were made),
and the minutes from request to the call that closed it (a histogram per month and
year of the request, read like the tickets' medians). phone.actions calls these in the
transaction of each change; a period's figures then read a few dozen rows (its whole
months, and the days at its ends) whatever the number of call-backs. rebuild() counts
them all again."""

from collections import Counter

from django.db.models import Q, Sum
from django.utils import timezone

from sportello.counters import add_to_counters

from .histogram import bucket_of, median
from .models import CallbackTally, MinutesHistogram
from .queries import histograms
from .rollups import add_minutes

REQUEST, ATTEMPT, WAIT = CallbackTally.Kind.REQUEST, CallbackTally.Kind.ATTEMPT, MinutesHistogram.Measure.CALLBACK
DAY, MONTH = CallbackTally.Grain.DAY, CallbackTally.Grain.MONTH


def _day(moment):
    return timezone.localdate(moment)


def _wait(callback):
    """Minutes from the request to the call that closed it, for a request called back."""
    if callback.state != callback.State.DONE or callback.closed_at is None:
        return None
    return max(0, int((callback.closed_at - callback.created_at).total_seconds() // 60))


class _Changes:
    def __init__(self):
        self.tallies, self.waits = Counter(), Counter()

    def request(self, callback, sign=1):
        day = _day(callback.created_at)
        self._count(day, REQUEST, callback.state, sign)
        wait = _wait(callback)
        if wait is not None:
            for grain, period in (("month", day.replace(day=1)), ("year", day.replace(month=1, day=1))):
                self.waits[("all", grain, period, "", WAIT, bucket_of(wait))] += sign

    def attempt(self, attempt, sign=1):
        self._count(_day(attempt.created_at), ATTEMPT, attempt.outcome, sign)

    def _count(self, day, kind, value, sign):
        self.tallies[(DAY, day, kind, value)] += sign
        self.tallies[(MONTH, day.replace(day=1), kind, value)] += sign

    def write(self):
        add_to_counters(CallbackTally._meta.db_table, ("grain", "day", "kind", "value"), ("count",),
                        [(*key, n) for key, n in self.tallies.items() if n])
        add_minutes(self.waits)


def changed(callback, *, before=None, attempts=()):
    """`callback` as it is now, `before` as it was counted (a copy taken before the change,
    None for a new request), and the attempts made in this change."""
    changes = _Changes()
    if before is not None:
        changes.request(before, sign=-1)
    changes.request(callback)
    for attempt in attempts:
        changes.attempt(attempt)
    changes.write()


def counted_in_bulk(callbacks, attempts):
    """Requests and attempts inserted together (the demo data generator)."""
    changes = _Changes()
    for callback in callbacks:
        changes.request(callback)
    for attempt in attempts:
        changes.attempt(attempt)
    changes.write()


def forget_deleted(sender, instance, **kwargs):
    """pre_delete of a request (the admin): its counts and its attempts' go with it."""
    changes = _Changes()
    changes.request(instance, sign=-1)
    for attempt in instance.attempts.all():
        changes.attempt(attempt, sign=-1)
    changes.write()


def rebuild(*, batch=5000):
    """Count every request and attempt again."""
    from sportello.phone.models import CallAttempt, CallbackRequest

    CallbackTally.objects.all().delete()
    MinutesHistogram.objects.filter(measure=WAIT).delete()
    for model, add in ((CallbackRequest, "request"), (CallAttempt, "attempt")):
        last = 0
        while True:
            rows = list(model.objects.filter(pk__gt=last).order_by("pk")[:batch])
            if not rows:
                break
            changes = _Changes()
            for row in rows:
                getattr(changes, add)(row)
            changes.write()
            last = rows[-1].pk


def figures(period, waits=None):
    """Requests of the period by state, attempts by outcome, and the median minutes to the
    call that closed a request (over the whole months the period touches; `waits`: their
    histogram, when the page read it with its other medians)."""
    from sportello.phone.models import CallAttempt, CallbackRequest

    whole_months, days = period.months_and_days()
    rows = Q(grain=MONTH, day__in=whole_months)
    for first, last in days:
        rows |= Q(grain=DAY, day__gte=first, day__lte=last)
    sums = dict(((kind, value), n) for kind, value, n in CallbackTally.objects.filter(rows).order_by()
                .values_list("kind", "value").annotate(n=Sum("count")))
    if waits is None:
        waits = histograms(period, [("all", [""], [WAIT])])["all", "", WAIT]
    states = {value: sums.get((REQUEST, value), 0) for value in CallbackRequest.State.values}
    return {
        "requested": sum(states.values()),
        "states": [(label, states[value]) for value, label in CallbackRequest.State.choices],
        "outcomes": [(label, sums.get((ATTEMPT, value), 0)) for value, label in CallAttempt.Outcome.choices],
        "median_minutes": median(waits),
    }

