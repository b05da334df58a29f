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
