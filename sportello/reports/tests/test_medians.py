"""Reports give the median working time to the first response and to the resolution,
from a histogram kept with the other rollups: close to the exact median of the tickets,
the same whichever rows (years or months) a period is read from, and filled once for
tickets counted before the histogram existed."""

import csv
import io
import statistics
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from sportello.reports import queries
from sportello.reports.apps import fill_empty_rollups
from sportello.reports.histogram import BOUNDS, bucket_of, median
from sportello.reports.models import MinutesHistogram
from sportello.reports.periods import Period
from sportello.tickets import derived
from sportello.tickets.models import Ticket

from .histograms import histogram_buckets


def _upper(bound):
    index = BOUNDS.index(bound)
    return BOUNDS[index + 1] if index + 1 < len(BOUNDS) else bound


@given(st.lists(st.integers(0, 60_000), min_size=1, max_size=300))
def test_the_histogram_median_falls_in_the_buckets_of_the_exact_one(values):
    values.sort()
    histogram = {}
    for value in values:
        histogram[bucket_of(value)] = histogram.get(bucket_of(value), 0) + 1
    low, high = values[(len(values) - 1) // 2], values[len(values) // 2]
    assert bucket_of(low) <= median(histogram) <= _upper(bucket_of(high))


def test_buckets_are_narrow_where_answers_fall():
    assert [bucket_of(m) for m in (0, 4, 5, 29, 30, 119, 125, 479, 500, 10**7)] == [
        0, 1, 5, 25, 30, 110, 120, 465, 480, 48000]
    assert median({}) is None and median({48000: 3}) == 48000
    assert median({0: 2}) == 0   # answers given at once read as 0:00, not a few minutes


def answered(ticket, *, minutes, on, resolved_minutes=None):
    """Give a ticket a first response of `minutes` working minutes on day `on` (and a
    resolution), as the SLA tracker would, then count it as every writer does."""
    moment = timezone.make_aware(datetime.combine(on, time(11)))
    fields = {"first_response_at": moment, "first_response_met": minutes <= 480, "first_response_minutes": minutes}
    if resolved_minutes is not None:
        fields.update(resolved_at=moment, resolution_met=True, resolution_minutes=resolved_minutes,
                      status=Ticket.Status.RESOLVED)
    Ticket.objects.filter(pk=ticket.pk).update(**fields)
    derived.refresh(ticket.pk)


def _hours(text):
    hours, minutes = text.split(":")
    return 60 * int(hours) + int(minutes)


def test_a_report_shows_the_median_of_its_tickets(people, open_ticket_for, login):
    today = timezone.localdate()
    minutes = [10, 45, 130, 300, 2000, 35, 150]   # the median is one of them: 130
    for i, value in enumerate(minutes):
        ticket = open_ticket_for(people.giulia if i % 2 else people.luca, subject=f"Richiesta {i}")
        answered(ticket, minutes=value, on=today, resolved_minutes=value * 2)
    client = login(people.silvia)
    page = client.get("/console/reports/", {"period": "month", "by": "company"})
    columns = [str(c) for c in page.context["columns"]]
    answer, resolution = columns.index("Prima risposta mediana (ore lavorative h:mm)"), columns.index(
        "Risoluzione mediana (ore lavorative h:mm)")
    totals = page.context["totals"]
    assert abs(_hours(totals[answer]) - statistics.median(minutes)) <= 15
    assert abs(_hours(totals[resolution]) - statistics.median(m * 2 for m in minutes)) <= 30
    rows = dict(page.context["rows"])
    acme = [m for i, m in enumerate(minutes) if i % 2]   # Giulia is Acme's
    assert abs(_hours(rows["Acme S.r.l."][answer]) - statistics.median(acme)) <= 10
    assert "metà delle risposte" in page.text
    # The download has the medians and the averages beside them.
    download = client.get("/console/reports/", {"period": "month", "by": "company", "format": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode().lstrip("\ufeff")),
                            delimiter=";"))
    header = table[0]
    acme_row = next(row for row in table if row[0] == "Acme S.r.l.")
    average = header.index("Prima risposta media (ore lavorative h:mm)")
    assert _hours(acme_row[average]) == round(sum(acme) / len(acme))
    assert acme_row[header.index("Prima risposta mediana (ore lavorative h:mm)")] == rows["Acme S.r.l."][answer]


def test_a_period_reads_the_same_medians_from_years_or_months(people, open_ticket_for):
    year = timezone.localdate().year - 1
    for i, (value, day) in enumerate([(20, date(year, 2, 10)), (50, date(year, 7, 1)), (400, date(year, 7, 2)),
                                      (700, date(year, 9, 1)), (900, date(year, 11, 30)),
                                      (5000, date(year + 1, 1, 3))]):
        answered(open_ticket_for(people.giulia, subject=f"Vecchia {i}"), minutes=value, on=day)
    whole = queries.medians("all", Period.around("year", date(year, 5, 5)))[""]
    custom = queries.medians("all", Period("custom", date(year, 1, 1), date(year, 12, 31)))[""]
    assert whole == custom and bucket_of(whole[0]) == bucket_of(400) and whole[1] is None
    # Mid-month edges count the whole months they touch: July brings both of its answers.
    july_on = queries.medians("all", Period("custom", date(year, 7, 2), date(year, 12, 1)))
    assert july_on == queries.medians("all", Period("custom", date(year, 7, 1), date(year, 12, 31)))
    assert july_on != queries.medians("all", Period("custom", date(year, 8, 1), date(year, 12, 31)))
    assert queries.medians("all", Period.around("month", date(year, 3, 1))) == {}
    by_type = queries.medians("type", Period.around("year", date(year, 5, 5)))
    assert list(by_type.values()) == [whole]


def test_tickets_counted_before_the_histogram_fill_it_once(people, open_ticket_for):
    for i, value in enumerate([15, 95, 700]):
        answered(open_ticket_for(people.giulia, subject=f"Richiesta {i}"), minutes=value,
                 on=timezone.localdate() - timedelta(days=i))
    counted = histogram_buckets()
    assert counted
    MinutesHistogram.objects.all().delete()   # as after the upgrade that brought the table
    fill_empty_rollups(sender=None)
    assert histogram_buckets() == counted
    fill_empty_rollups(sender=None)   # a second migrate adds nothing
    assert histogram_buckets() == counted


def test_a_time_never_measured_is_not_taken_for_zero(people, open_ticket_for):
    today = timezone.localdate()
    measured = open_ticket_for(people.giulia, subject="Misurato")
    answered(measured, minutes=200, on=today, resolved_minutes=600)
    unmeasured = open_ticket_for(people.giulia, subject="Senza livello di servizio")
    answered(unmeasured, minutes=200, on=today, resolved_minutes=600)
    Ticket.objects.filter(pk=unmeasured.pk).update(resolution_minutes=None)
    derived.refresh(unmeasured.pk)
    answer, resolution = queries.medians("all", Period.around("month", today))[""]
    assert bucket_of(resolution) == bucket_of(600) and bucket_of(answer) == bucket_of(200)
