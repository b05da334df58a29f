"""Several tickets at once from a list: the single actions' rules, all or nothing,
every refusal reported with its reason."""

from sportello.outbox.models import OutboundMail
from sportello.tickets import actions
from sportello.tickets.models import Ticket


def codes(*tickets):
    return [ticket.code for ticket in tickets]


def test_a_supervisor_hands_several_tickets_to_a_technician(people, login, open_ticket_for):
    first, second = open_ticket_for(people.giulia), open_ticket_for(people.mario)
    answer = login(people.silvia).post("/console/bulk/", {"tickets": codes(first, second), "action": "assign",
                                                          "technician": people.paolo.pk, "next": "/console/tickets/"})
    assert answer.status_code == 302 and answer["Location"] == "/console/tickets/"
    assert set(Ticket.objects.values_list("assignee", flat=True)) == {people.paolo.pk}
    assert OutboundMail.objects.filter(template="ticket_assigned").count() == 2


def test_one_refusal_changes_nothing_and_says_why(people, login, open_ticket_for):
    first, second, third = (open_ticket_for(people.giulia) for _ in range(3))
    actions.claim_ticket(ticket=second, technician=people.paolo)
    anna = login(people.anna)
    answer = anna.post("/console/bulk/", {"tickets": codes(first, second, third), "action": "take"}, follow=True)
    assert f"Non è stato cambiato nulla: {second.code}: già preso da Paolo Tecnico" in answer.text
    assert not Ticket.objects.filter(assignee=people.anna).exists()
    # The status of a new ticket cannot jump to "resolved": the transition table's reason, per ticket.
    answer = anna.post("/console/bulk/", {"tickets": codes(first, second), "action": "status", "status": "resolved"},
                       follow=True)
    assert first.code in answer.text and "non può diventare" in answer.text
    assert Ticket.objects.get(pk=second.pk).status == "open"


def test_merging_keeps_the_oldest_ticket(people, login, open_ticket_for):
    oldest, duplicate = open_ticket_for(people.giulia), open_ticket_for(people.giulia)
    other_company = open_ticket_for(people.luca)
    silvia = login(people.silvia)
    refused = silvia.post("/console/bulk/", {"tickets": codes(oldest, other_company), "action": "merge"}, follow=True)
    assert "Non è stato cambiato nulla" in refused.text and Ticket.objects.get(pk=other_company.pk).status == "new"
    silvia.post("/console/bulk/", {"tickets": codes(oldest, duplicate), "action": "merge"})
    assert Ticket.objects.get(pk=duplicate.pk).status == "closed"
    assert Ticket.objects.get(pk=oldest.pk).status != "closed"


def test_technicians_do_not_hand_over_and_foreign_addresses_are_ignored(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    anna = login(people.anna)
    answer = anna.post("/console/bulk/", {"tickets": [ticket.code], "action": "assign", "technician": people.paolo.pk,
                                          "next": "https://example.com/"}, follow=False)
    assert answer["Location"] == "/console/" and Ticket.objects.get(pk=ticket.pk).assignee is None
    assert anna.post("/console/bulk/", {"tickets": [ticket.code], "action": "take"}).status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).assignee == people.anna
    # The list shows a checkbox per row for the selection.
    assert f'value="{ticket.code}" form="bulk-form"' in anna.get("/console/mine/").text
