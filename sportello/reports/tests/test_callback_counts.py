"""Call-backs are counted for the reports as they change, so a year of them reads a few
hundred rows: after any sequence of requests, claims, attempts, deletions and days
passing, the counts equal a recount from the requests themselves and a rebuild, for
any period; the median wait falls in the bucket of the exact one; and the report page
reads no call-back row (but the navigation's bounded count of those waiting)."""

from datetime import date, datetime, time, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.desk_script import Clock
from sportello.phone import actions as phone
from sportello.phone.models import CallAttempt, CallbackRequest
from sportello.reports import callbacks
from sportello.reports.histogram import BOUNDS, bucket_of
from sportello.reports.models import CallbackTally
from sportello.reports.periods import Period

from .histograms import histogram_buckets

OPERATIONS = ["request", "claim", "no answer", "busy", "wrong number", "done", "later", "next day", "delete"]


def recount(period):
    """The figures counted from the requests and attempts of the period."""
    start = timezone.make_aware(datetime.combine(period.start, time(0)))
    end = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time(0)))
    states = dict(CallbackRequest.objects.filter(created_at__gte=start, created_at__lt=end).order_by()
                  .values_list("state").annotate(n=Count("id")))
    outcomes = dict(CallAttempt.objects.filter(created_at__gte=start, created_at__lt=end).order_by()
                    .values_list("outcome").annotate(n=Count("id")))
    return {"requested": sum(states.values()),
            "states": [(label, states.get(value, 0)) for value, label in CallbackRequest.State.choices],
            "outcomes": [(label, outcomes.get(value, 0)) for value, label in CallAttempt.Outcome.choices]}


def exact_median(period):
    """The median wait of the requests called back, over the whole months the period touches."""
    first, last = period.start.replace(day=1), period.months()[-1]
    waits = sorted((c.closed_at - c.created_at).total_seconds() // 60 for c in CallbackRequest.objects.filter(
        state="done") if first <= timezone.localdate(c.created_at) and timezone.localdate(c.created_at) < (
        last + timedelta(days=32)).replace(day=1))
    return waits[(len(waits) - 1) // 2] if waits else None   # the lower median, as the histogram reads it


def snapshot():
    return ({(t.grain, t.day, t.kind, t.value): t.count for t in CallbackTally.objects.all() if t.count},
            {row[:-1]: row[-1] for row in histogram_buckets() if row[-1] and row[4] == "callback"})


def play(steps, people, start):
    clock = Clock(start)
    with mock.patch("django.utils.timezone.now", clock):
        for operation, pick in steps:
            open_ones = list(CallbackRequest.objects.exclude(state="done").order_by("id"))
            mine = [c for c in open_ones if c.state == "claimed"]
            if operation == "request" or not open_ones:
                phone.request_callback(company=people.acme if pick % 2 else people.beta, phone_number="02 1234 5678",
                                       contact=people.giulia if pick % 2 else None, contact_name="Luca")
            elif operation == "claim":
                phone.claim_callback(callback=open_ones[pick % len(open_ones)],
                                     technician=people.anna if pick % 2 else people.paolo)
            elif operation in ("no answer", "busy", "wrong number", "done") and mine:
                callback = mine[pick % len(mine)]
                phone.record_attempt(callback=callback, technician=callback.claimed_by,
                                     outcome=operation.replace(" ", "_"))
            elif operation == "later":
                clock.now += timedelta(minutes=7 * pick + 3)
            elif operation == "next day":   # sometimes across a month's end
                clock.now += timedelta(days=1 + 9 * pick)
            elif operation == "delete":
                CallbackRequest.objects.filter(pk=open_ones[pick % len(open_ones)].pk).delete()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 5)), min_size=5, max_size=40))
def test_call_back_counts_equal_a_recount_and_a_rebuild(people, steps):
    CallbackRequest.objects.all().delete()   # examples share the database
    start = timezone.make_aware(datetime(2026, 1, 28, 9, 0))
    play(steps, people, start)
    for period in (Period.around("month", date(2026, 1, 30)), Period.around("year", date(2026, 6, 1)),
                   Period("custom", date(2026, 1, 29), date(2026, 3, 3)), Period.around("quarter", date(2026, 2, 1))):
        counted = callbacks.figures(period)
        assert {k: counted[k] for k in ("requested", "states", "outcomes")} == recount(period)
        exact = exact_median(period)
        assert (counted["median_minutes"] is None) == (exact is None)
        if exact is not None:   # the median is read from buckets: it falls in the exact one's
            bucket = bucket_of(exact)
            upper = BOUNDS[BOUNDS.index(bucket) + 1] if bucket != BOUNDS[-1] else bucket
            assert bucket <= counted["median_minutes"] <= upper, (exact, counted["median_minutes"])
    incremental = snapshot()
    callbacks.rebuild()
    assert snapshot() == incremental


@pytest.mark.parametrize("many", [1, 30])
def test_the_report_reads_no_call_back_rows_however_many(people, login, many):
    for _ in range(many):
        called = phone.request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.giulia)
        phone.claim_callback(callback=called, technician=people.anna)
        phone.record_attempt(callback=called, technician=people.anna, outcome="done")
    client = login(people.silvia)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/console/reports/", {"period": "year"})
    assert page.context["calls"]["requested"] == many
    # Only the navigation's bounded count ("99+") of the waiting ones may look at them.
    read = [q["sql"] for q in queries if ("phone_callbackrequest" in q["sql"] or "phone_callattempt" in q["sql"])
            and "LIMIT" not in q["sql"]]
    assert not read, read


def test_existing_call_backs_are_counted_after_the_upgrade(people):
    """The migration that brought the rollup leaves it empty; post_migrate counts what exists."""
    from sportello.reports.apps import fill_empty_rollups

    called = phone.request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.giulia)
    phone.claim_callback(callback=called, technician=people.anna)
    phone.record_attempt(callback=called, technician=people.anna, outcome="busy")
    counted = snapshot()
    CallbackTally.objects.all().delete()
    fill_empty_rollups(sender=None)
    assert snapshot() == counted and counted[0]


@given(start=st.dates(date(2020, 1, 1), date(2030, 12, 31)), length=st.integers(0, 800))
def test_a_period_is_its_whole_months_and_the_days_at_its_ends(start, length):
    period = Period("custom", start, start + timedelta(days=length))
    months, ranges = period.months_and_days()
    days = set()
    for month in months:
        assert month.day == 1
        following = (month + timedelta(days=32)).replace(day=1)
        days.update(month + timedelta(days=n) for n in range((following - month).days))
    for first, last in ranges:
        assert first.day != 1 or last.month == first.month   # never a whole month left in days
        days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    assert sorted(days) == [start + timedelta(days=n) for n in range(length + 1)]
    assert sum(len(range((last - first).days + 1)) for first, last in ranges) + sum(
        ((m + timedelta(days=32)).replace(day=1) - m).days for m in months) == length + 1   # no day twice
