"""First available technician: new tickets spread evenly over the available
technicians, never twice, also with two workers at once; nothing happens while the
switch is off or nobody is available."""

from collections import Counter

import pytest
from django.urls import reverse

from sportello.accounts.models import User
from sportello.conftest import enrol_second_factor
from sportello.outbox.models import OutboundMail
from sportello.testing import run_together
from sportello.tickets import assignment
from sportello.tickets.models import AutoAssignment, Event, Ticket


@pytest.fixture
def desk(people):
    sara = enrol_second_factor(User.objects.create_user("sara@sportello.test", "x", full_name="Sara Tecnico",
                                                        role=User.Role.TECHNICIAN))
    technicians = [people.anna, people.paolo, sara]
    User.objects.filter(pk__in=[t.pk for t in technicians]).update(availability=User.Availability.AVAILABLE)
    return technicians


def open_many(open_ticket_for, people, count):
    return [open_ticket_for(people.giulia if n % 2 else people.luca, subject=f"Richiesta {n}") for n in range(count)]


def test_off_by_default_and_nobody_available_means_nobody_assigned(people, desk, open_ticket_for):
    open_many(open_ticket_for, people, 3)
    assert assignment.assign_waiting() == 0
    assignment.set_enabled(enabled=True, by=people.silvia)
    User.objects.update(availability=User.Availability.BREAK)
    assert assignment.assign_waiting() == 0
    assert Ticket.objects.queue().count() == 3


def test_thirty_tickets_spread_evenly_over_three_technicians(people, desk, open_ticket_for):
    assignment.set_enabled(enabled=True, by=people.silvia)
    open_many(open_ticket_for, people, 30)
    assert assignment.assign_waiting() == 30
    spread = Counter(Ticket.objects.values_list("assignee", flat=True))
    assert sorted(spread.values()) == [10, 10, 10]
    assert Event.objects.filter(kind=Event.Kind.ASSIGNED).count() == 30
    assert OutboundMail.objects.filter(template="ticket_assigned").count() == 30
    line = Event.objects.filter(kind=Event.Kind.ASSIGNED).first()
    assert line.actor is None and line.describe().startswith("Assegnato automaticamente a")


def test_the_least_loaded_first_then_who_waited_longest(people, desk, open_ticket_for):
    from sportello.tickets import actions

    for ticket in open_many(open_ticket_for, people, 2):
        actions.claim_ticket(ticket=ticket, technician=people.anna)   # Anna already has two
    User.objects.filter(pk=people.paolo.pk).update(availability=User.Availability.BREAK)
    assignment.set_enabled(enabled=True, by=people.silvia)
    first, second, third = open_many(open_ticket_for, people, 3)
    assignment.assign_waiting()
    sara = desk[2]
    # Sara (none open) twice; then both have two, and Anna waited longer since an assignment.
    assert [Ticket.objects.get(pk=t.pk).assignee for t in (first, second, third)] == [sara, sara, people.anna]
    assert not Ticket.objects.filter(assignee=people.paolo).exists()


@pytest.mark.django_db(transaction=True)
def test_two_workers_assign_each_ticket_once_and_evenly(people, desk, open_ticket_for):
    assignment.set_enabled(enabled=True, by=people.silvia)
    open_many(open_ticket_for, people, 30)
    done = run_together([assignment.assign_waiting, assignment.assign_waiting])
    assert sum(done) == 30 and not Ticket.objects.queue().exists()
    assert sorted(Counter(Ticket.objects.values_list("assignee", flat=True)).values()) == [10, 10, 10]
    assert Event.objects.filter(kind=Event.Kind.ASSIGNED).count() == 30


def test_technicians_set_their_availability_and_supervisors_the_switch(people, desk, login):
    anna = login(people.anna)
    anna.post(reverse("console:availability"), {"availability": "break"})
    assert User.objects.get(pk=people.anna.pk).availability == "break"
    assert anna.post(reverse("console:auto_assign"), {"enabled": "1"}).status_code == 403
    silvia = login(people.silvia)
    silvia.post(reverse("console:auto_assign"), {"enabled": "1"})
    assert AutoAssignment.current().is_enabled
    page = silvia.get(reverse("console:dashboard")).text
    assert "In pausa" in page and "Disattiva l'assegnazione automatica" in page
