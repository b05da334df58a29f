"""Collision warning: who else has the ticket open, and who is writing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sportello.testing import run_together
from sportello.tickets import presence
from sportello.tickets.models import TicketPresence


def test_each_technician_sees_the_others_not_themself(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    assert presence.report(ticket=ticket, user=people.anna, typing=False) == []
    seen = presence.report(ticket=ticket, user=people.paolo, typing=True)
    assert [(row.user, row.typing) for row in seen] == [(people.anna, False)]
    assert [(row.user, row.typing) for row in presence.report(ticket=ticket, user=people.anna, typing=False)] == [
        (people.paolo, True)]


def test_a_closed_page_is_forgotten_after_a_few_seconds(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    presence.report(ticket=ticket, user=people.paolo, typing=True)
    TicketPresence.objects.update(seen_at=timezone.now() - timedelta(seconds=presence.STALE_SECONDS + 1))
    assert presence.others(ticket=ticket, user=people.anna) == []
    assert presence.forget_old(older_than=timedelta(seconds=1)) == 1


@pytest.mark.django_db(transaction=True)
def test_two_tabs_of_the_same_person_make_one_row(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    run_together([lambda: presence.report(ticket=ticket, user=people.anna, typing=False)] * 4)
    assert TicketPresence.objects.filter(ticket=ticket, user=people.anna).count() == 1


def test_the_ticket_page_polls_and_names_the_colleague(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    presence.report(ticket=ticket, user=people.paolo, typing=True)
    answer = login(people.anna).post(f"/console/tickets/{ticket.code}/presence/", {"typing": "0"})
    assert "Paolo Tecnico sta rispondendo" in answer.text


def test_leaving_the_page_removes_the_person_at_once(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    paolo = login(people.paolo)
    paolo.post(f"/console/tickets/{ticket.code}/presence/", {"typing": "1"})
    assert presence.others(ticket=ticket, user=people.anna)
    assert paolo.post(f"/console/tickets/{ticket.code}/presence/", {"leaving": "1"}).status_code == 204
    assert presence.others(ticket=ticket, user=people.anna) == []
