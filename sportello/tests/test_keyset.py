from sportello.keyset import keyset_page
from sportello.tickets.models import Ticket


def test_pages_walk_forward_and_back_without_gaps(people, open_ticket_for):
    tickets = [open_ticket_for(people.giulia) for _ in range(7)]
    ids = sorted((t.pk for t in tickets), reverse=True)
    qs = Ticket.objects.all()
    first = keyset_page(qs, {}, size=3)
    assert [t.pk for t in first.items] == ids[:3] and first.prev_cursor is None
    second = keyset_page(qs, {"after": str(first.next_cursor)}, size=3)
    assert [t.pk for t in second.items] == ids[3:6]
    third = keyset_page(qs, {"after": str(second.next_cursor)}, size=3)
    assert [t.pk for t in third.items] == ids[6:] and third.next_cursor is None
    back = keyset_page(qs, {"before": str(third.prev_cursor)}, size=3)
    assert [t.pk for t in back.items] == ids[3:6] and back.prev_cursor is not None
    assert keyset_page(qs, {"after": "junk"}, size=3).items == first.items


def test_pages_by_deadline_then_id_with_ties(people, open_ticket_for):
    from datetime import timedelta

    from django.utils import timezone

    tickets = [open_ticket_for(people.giulia) for _ in range(6)]
    base = timezone.now().replace(microsecond=0)
    # Deadlines with ties: the id breaks them.
    for ticket, hours in zip(tickets, [3, 1, 2, 1, 3, 2], strict=True):
        Ticket.objects.filter(pk=ticket.pk).update(response_due_at=base + timedelta(hours=hours))
    expected = list(Ticket.objects.order_by("response_due_at", "pk").values_list("pk", flat=True))
    qs = Ticket.objects.all()
    seen, params = [], {}
    for _ in range(3):
        page = keyset_page(qs, params, size=2, descending=False, field="response_due_at")
        seen += [t.pk for t in page.items]
        params = {"after": page.next_cursor} if page.next_cursor else {}
    assert seen == expected and not params
    back = keyset_page(qs, {"before": page.prev_cursor}, size=2, descending=False, field="response_due_at")
    assert [t.pk for t in back.items] == expected[2:4]
