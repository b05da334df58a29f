"""The figures by month (the reports' and service levels' charts) are added up by the
database from the daily rows: each month holds exactly its own days' tickets, a period
cut inside a month holds only its days, and months without tickets are there as zeros."""

from collections import Counter
from datetime import date

from django.utils import timezone

from sportello.reports import queries
from sportello.reports.periods import Period
from sportello.tickets import actions

from .test_company_years import opened_on


def test_each_month_adds_up_its_own_days(people, open_ticket_for):
    year = timezone.localdate().year - 1
    days = [date(year - 1, 12, 31), date(year, 1, 1), date(year, 1, 31), date(year, 2, 1), date(year, 6, 15),
            date(year, 6, 15), date(year, 12, 31), date(year + 1, 1, 1)]
    for n, day in enumerate(days):
        ticket = open_ticket_for(people.giulia if n % 2 else people.luca, subject=f"Richiesta {n}")
        opened_on(ticket, day)
        if n % 3 == 0:
            actions.claim_ticket(ticket=ticket, technician=people.anna)
            actions.reply_to_customer(ticket=ticket, author=people.anna, body="Risolto.")
    for period in (Period.around("year", date(year, 5, 5)), Period("custom", date(year, 1, 31), date(year, 6, 14)),
                   Period.around("quarter", date(year, 11, 1))):
        months = queries.by_month(period)
        assert [month for month, _figures in months] == period.months()
        expected = Counter(day.replace(day=1) for day in days if period.start <= day <= period.end)
        assert {month: figures["created"] for month, figures in months} == {
            month: expected[month] for month in period.months()}, period
        days_rows = queries.by_day(period.start, period.end)
        for month, figures in months:
            in_month = [f for day, f in days_rows.items() if day.replace(day=1) == month]
            assert figures == sum(in_month, queries.Figures()) or not in_month and not any(figures.values())
