"""Deadlines on real tickets, derived from their history and the calendar."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone

from sportello.outbox.models import OutboundMail
from sportello.reports import rollups
from sportello.sla.business_time import working_time_between
from sportello.sla.calendars import load_rules
from sportello.sla.models import ClosingDay, SlaPolicy
from sportello.sla.sweep import warn_due_tickets
from sportello.sla.tracking import refresh_open_tickets, refresh_ticket_sla
from sportello.testing import run_together, summer_week_next_year
from sportello.tickets import actions
from sportello.tickets.models import Event, RequestType, Ticket

ROME = ZoneInfo("Europe/Rome")


def rome(*args):
    return datetime(*args, tzinfo=ROME)


def retime(ticket, created, moments=()):
    """Move the ticket's history to `created`, then give the first event matching
    each (kind, new value[, old value]) the instant listed. Rewriting history also
    forgets the first response's verdict, which is otherwise fixed once given."""
    Ticket.objects.filter(pk=ticket.pk).update(created_at=created, first_response_met=None,
                                               first_response_minutes=None)
    Event.objects.filter(ticket=ticket).update(created_at=created)
    for (kind, new_value, *old_value), instant in moments:
        events = Event.objects.filter(ticket=ticket, kind=kind)
        if new_value is not None:
            events = events.filter(new_value=new_value)
        if old_value:
            events = events.filter(old_value=old_value[0])
        Event.objects.filter(pk=events.order_by("id").values("pk")[:1]).update(created_at=instant)
    ticket.refresh_from_db()
    return refresh_ticket_sla(ticket)


def change_policies(policies, **values):
    """As the console and the admin do: each policy saved (which tells every process)."""
    for policy in policies:
        for name, value in values.items():
            setattr(policy, name, value)
        policy.save()


@pytest.fixture
def monday_holiday(defaults):
    ClosingDay.objects.create(calendar_id=1, day=date(2026, 11, 30), description="Chiusura straordinaria")


@pytest.mark.parametrize(("type_name", "due"), [
    ("Malfunzionamento", rome(2026, 12, 1, 12, 30)),   # 4 working hours
    ("Installazione", rome(2026, 12, 1, 17, 30)),      # 8 working hours
])
def test_seed_friday_evening_ticket_with_monday_closed(people, open_ticket_for, monday_holiday, type_name, due):
    ticket = open_ticket_for(people.giulia)
    Ticket.objects.filter(pk=ticket.pk).update(request_type=RequestType.objects.get(name=type_name))
    ticket = retime(ticket, rome(2026, 11, 27, 17, 30))
    assert ticket.response_due_at == due
    assert ticket.sla_state(now=rome(2026, 11, 30, 18, 0)) == "on_time"   # the closed Monday does not count
    assert ticket.sla_state(now=due) == "missed"


def test_waiting_for_the_customer_over_a_weekend_does_not_breach(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    Ticket.objects.filter(pk=ticket.pk).update(request_type=RequestType.objects.get(name="Installazione"))
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    actions.change_status(ticket=ticket, status=Ticket.Status.WAITING, by=people.anna)
    actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Ecco le informazioni")
    ticket = retime(ticket, rome(2026, 11, 27, 16, 0), [
        ((Event.Kind.STATUS, "waiting"), rome(2026, 11, 27, 17, 0)),    # Friday: 1 hour counted
        ((Event.Kind.STATUS, "open", "waiting"), rome(2026, 11, 30, 9, 30)),  # Monday: the customer answers
    ])
    # 1 h on Friday + 7 h from Monday 09:30 = Monday 17:30, although 8 h passed on Friday evening.
    assert ticket.response_due_at == rome(2026, 11, 30, 17, 30)
    assert ticket.sla_state(now=rome(2026, 11, 30, 17, 0)) == "at_risk"


def test_first_response_is_recorded_with_its_working_time(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Risposta", then_status="waiting")
    ticket = retime(ticket, rome(2026, 11, 26, 12, 0), [((Event.Kind.REPLY, None), rome(2026, 11, 26, 15, 0))])
    # 12:00–13:00 and 14:00–15:00: two working hours of the four allowed for a malfunction.
    assert (ticket.first_response_met, ticket.first_response_minutes) == (True, 120)
    assert not ticket.response_pending


def test_a_first_response_keeps_its_verdict_when_the_target_is_lowered_later(people, open_ticket_for, login):
    ticket = open_ticket_for(people.giulia)   # Malfunzionamento: 4 working hours
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Risposta")
    # 09:00–12:30: 210 working minutes, on time under 4 hours.
    ticket = retime(ticket, rome(2026, 11, 26, 9, 0), [((Event.Kind.REPLY, None), rome(2026, 11, 26, 12, 30))])
    assert (ticket.first_response_met, ticket.first_response_minutes) == (True, 210)
    change_policies(SlaPolicy.objects.filter(first_response_hours=4), first_response_hours=3)
    refresh_open_tickets()
    actions.set_priority(ticket=ticket, priority="urgent", by=people.anna)
    ticket.refresh_from_db()
    assert (ticket.first_response_met, ticket.first_response_minutes) == (True, 210)
    page = login(people.silvia).get("/console/service-levels/?month=2026-11").text
    assert "100%" in page
    # An answer still owed follows the new rule.
    actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Non va ancora")
    ticket.refresh_from_db()
    assert ticket.response_pending and ticket.first_response_met is True


def test_a_reopened_ticket_gets_a_fresh_deadline_not_an_instant_breach(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Risolto", then_status="resolved")
    actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Non va ancora")
    ticket = retime(ticket, rome(2026, 11, 2, 9, 0), [
        ((Event.Kind.REPLY, None), rome(2026, 11, 2, 10, 0)),
        ((Event.Kind.STATUS, "resolved"), rome(2026, 11, 2, 10, 0)),
        ((Event.Kind.CUSTOMER_REPLY, None), rome(2026, 11, 26, 10, 0)),   # three weeks later
        ((Event.Kind.STATUS, "open", "resolved"), rome(2026, 11, 26, 10, 0)),
    ])
    assert ticket.first_response_met is True
    assert ticket.response_due_at == rome(2026, 11, 26, 15, 0)   # 4 working hours from the new message


def test_priority_and_calendar_changes_move_open_deadlines(people, open_ticket_for, login):
    ticket = open_ticket_for(people.giulia)
    Ticket.objects.filter(pk=ticket.pk).update(request_type=RequestType.objects.get(name="Aggiornamento"))
    ticket = retime(ticket, rome(2026, 11, 26, 9, 0))
    assert ticket.response_due_at == rome(2026, 11, 26, 18, 0)         # 8 h
    actions.set_priority(ticket=ticket, priority="urgent", by=people.anna)
    ticket.refresh_from_db()
    assert ticket.response_due_at == rome(2026, 11, 26, 13, 0)         # urgent: 4 h, the whole morning
    assert "Priorità: Urgente" in login(people.anna).get(f"/console/tickets/{ticket.code}/").text
    # A supervisor closes the office that day: the worker recomputes every open ticket.
    ClosingDay.objects.create(calendar_id=1, day=date(2026, 11, 26), description="Ponte")
    assert refresh_open_tickets() >= 1
    ticket.refresh_from_db()
    assert ticket.response_due_at == rome(2026, 11, 27, 13, 0)
    change_policies(SlaPolicy.objects.filter(priority="urgent"), first_response_hours=2)
    refresh_open_tickets()
    ticket.refresh_from_db()
    assert ticket.response_due_at == rome(2026, 11, 27, 11, 0)


def test_closing_days_from_the_console_recompute_after_commit(people, open_ticket_for, login,
                                                              django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    client = login(people.silvia)
    monday, friday = summer_week_next_year()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/console/calendars/closing-days/", {
            "calendar": 1, "first_day": f"{monday:%d-%m-%Y}", "last_day": f"{friday:%d-%m-%Y}",
            "description": "Ferie estive"})
    assert response.status_code == 302
    assert ClosingDay.objects.filter(description="Ferie estive").count() == 5
    assert DBTaskResult.objects.filter(task_path__endswith="recompute_deadlines").count() == 1
    page = client.get("/console/calendars/").text
    assert page.count("Ferie estive") == 5 and f"Lun {monday:%d-%m-%Y}" in page
    bad = client.post("/console/calendars/closing-days/", {
        "calendar": 1, "first_day": "14-08-2026", "last_day": "10-08-2026", "description": "x"})
    assert "L&#x27;ultimo giorno non può venire prima del primo." in bad.text


@pytest.mark.django_db(transaction=True)
def test_warnings_go_once_even_with_two_workers(people, open_ticket_for):
    late = open_ticket_for(people.giulia, subject="In ritardo")
    risky = open_ticket_for(people.luca, subject="A rischio")
    actions.claim_ticket(ticket=risky, technician=people.paolo)
    Ticket.objects.filter(pk=late.pk).update(response_due_at=rome(2026, 1, 1), response_at_risk_at=rome(2026, 1, 1))
    Ticket.objects.filter(pk=risky.pk).update(response_at_risk_at=rome(2026, 1, 1))
    run_together([warn_due_tickets, warn_due_tickets])
    assert list(OutboundMail.objects.filter(template="sla_missed").values_list("to", flat=True)) == [
        [people.silvia.email]]
    assert list(OutboundMail.objects.filter(template="sla_at_risk").values_list("to", flat=True)) == [
        [people.paolo.email]]
    assert warn_due_tickets() == (0, 0)


def test_report_shows_the_share_on_time(people, open_ticket_for, login):
    for _ in range(3):
        ticket = open_ticket_for(people.giulia)
        actions.claim_ticket(ticket=ticket, technician=people.anna)
        actions.reply_to_customer(ticket=ticket, author=people.anna, body="Ok")
    Ticket.objects.filter(pk=ticket.pk).update(first_response_met=False)
    rollups.count(ticket.pk)   # as the reply would have, had it come late
    page = login(people.silvia).get("/console/service-levels/").text
    assert "<svg" in page and "67%" in page and "Anna Tecnico" in page and "Malfunzionamento" in page
    assert login(people.anna).get("/console/service-levels/").status_code == 403


def test_queue_puts_the_most_urgent_first_and_the_portal_shows_the_promise(people, open_ticket_for, login):
    later = open_ticket_for(people.giulia, subject="Piu tardi")
    sooner = open_ticket_for(people.luca, subject="Prima")
    year = timezone.localdate().year + 1   # promises still ahead whenever the test runs
    Ticket.objects.filter(pk=later.pk).update(response_due_at=rome(year, 3, 2, 9), response_at_risk_at=rome(year, 3, 1, 9))
    Ticket.objects.filter(pk=sooner.pk).update(response_due_at=rome(year, 3, 1, 9), response_at_risk_at=rome(year, 2, 28, 9))
    page = login(people.anna).get("/console/").text
    assert page.index(sooner.code) < page.index(later.code)
    portal = login(people.giulia).get(f"/portal/tickets/{later.code}/").text
    assert "Risposta prevista entro" in portal and f"02-03-{year} 09:00" in portal


def test_the_next_ticket_follows_a_calendar_or_policy_change_at_once(people, open_ticket_for, login):
    # Each process keeps the calendar and the policies it read, until either changes.
    today = timezone.localdate()
    before = open_ticket_for(people.giulia)
    assert timezone.localdate(before.response_due_at) <= today + timedelta(days=5)
    login(people.silvia).post("/console/calendars/closing-days/", {
        "calendar": 1, "first_day": today.strftime("%d-%m-%Y"),
        "last_day": (today + timedelta(days=20)).strftime("%d-%m-%Y"), "description": "Inventario"})
    closed = open_ticket_for(people.giulia)
    assert timezone.localdate(closed.response_due_at) > today + timedelta(days=20)
    # Malfunzionamento: 4 working hours, then 12 (a policy saved as the admin does), of
    # which the general 8 hours is now the strictest.
    change_policies(SlaPolicy.objects.filter(request_type__name="Malfunzionamento"), first_response_hours=12)
    slower = open_ticket_for(people.giulia)
    assert slower.response_due_at > closed.response_due_at
    # Both wait for the office to reopen after the closing days: 4 and 8 working hours.
    assert working_time_between(load_rules()[0], closed.response_due_at, slower.response_due_at) == timedelta(hours=4)


def test_a_change_rolled_back_is_not_kept_by_the_process(people):
    day = timezone.localdate() + timedelta(days=90)
    with pytest.raises(RuntimeError), transaction.atomic():
        ClosingDay.objects.create(calendar_id=1, day=day, description="Mai salvato")
        assert day in load_rules()[0].closed_days
        raise RuntimeError
    assert day not in load_rules()[0].closed_days

