"""A report by company over whole years reads each company's year row (one per company,
where months would be twelve) and gives the same figures as the months it covers."""

from collections import Counter
from datetime import date, datetime, time

from django.utils import timezone

from sportello.reports import queries
from sportello.reports.models import Tally
from sportello.reports.periods import Period
from sportello.tickets import derived
from sportello.tickets.models import Ticket


def opened_on(ticket, day):
    Ticket.objects.filter(pk=ticket.pk).update(created_at=timezone.make_aware(datetime.combine(day, time(10))))
    derived.refresh(ticket.pk)


def from_months(period):
    """{company key: tickets opened} summed from the monthly rows, as before year rows existed."""
    rows = Tally.objects.filter(dimension="company", period__in=period.months())
    out = Counter()
    for row in rows:
        out[row.key] += row.created
    return {key: n for key, n in out.items() if n}


def test_whole_years_and_other_months_give_the_figures_of_their_months(people, open_ticket_for):
    year = timezone.localdate().year - 1
    days = [date(year - 1, 12, 31), date(year, 1, 1), date(year, 6, 15), date(year, 12, 31), date(year + 1, 1, 2)]
    for n, day in enumerate(days):
        opened_on(open_ticket_for(people.giulia if n % 2 else people.luca, subject=f"Richiesta {n}"), day)
    periods = [Period.around("year", date(year, 3, 3)), Period("custom", date(year - 1, 12, 5), date(year + 1, 1, 9)),
               Period("custom", date(year, 6, 1), date(year, 6, 30)), Period.around("quarter", date(year, 11, 1))]
    for period in periods:
        figures = {key: f["created"] for key, f in queries.breakdown("company", period).items() if f["created"]}
        assert figures == from_months(period), period
    assert queries.breakdown("company", periods[0])[str(people.acme.pk)]["created"] == 2

    # The year is read from its own rows: without the months it still adds up; June does not.
    Tally.objects.filter(dimension="company", period__year=year).delete()
    assert {key: f["created"] for key, f in queries.breakdown("company", periods[0]).items()} == {
        str(people.acme.pk): 2, str(people.beta.pk): 1}
    assert not any(f["created"] for f in queries.breakdown("company", periods[2]).values())
