import pytest

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


@pytest.mark.parametrize("cursor", [
    "9999-12-31T23:59:59-01:00_1", "0001-01-01T00:00:00+01:00_1", "2026-11-28T10:00:00_1",
    "2026-13-01T00:00:00+01:00_1", "_1", "2026-11-28T10:00:00+01:00_", "2026-11-28T10:00:00+01:00_99999999999999999999",
    "2026-11-28T10:00:00+01:00_-1", "", "\x00", "x" * 5000,
])
def test_bad_cursors_mean_the_first_page(people, open_ticket_for, cursor):
    open_ticket_for(people.giulia)
    qs = Ticket.objects.all()
    first = keyset_page(qs, {}, size=3, descending=False, field="response_due_at")
    for direction in ("after", "before"):
        assert keyset_page(qs, {direction: cursor}, size=3, descending=False, field="response_due_at").items \
            == first.items
    assert keyset_page(qs, {"after": cursor}, size=3).items == keyset_page(qs, {}, size=3).items


@pytest.mark.parametrize("url", ["/console/?after=9999-12-31T23:59:59-01:00_1",
                                 "/console/mine/?before=0001-01-01T00:00:00%2B01:00_1",
                                 "/console/?after=2026-11-28T10:00:00_1",
                                 "/console/tickets/?after=99999999999999999999999"])
def test_console_lists_answer_bad_cursors_with_page_one(people, login, url):
    response = login(people.anna).get(url)
    assert response.status_code == 200
