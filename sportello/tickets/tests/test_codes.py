import re

import pytest
from django.db import connection, transaction

from sportello.testing import while_held
from sportello.tickets.models import allocate_ticket_numbers


def test_codes_are_tk_and_six_digits_and_grow(people, open_ticket_for):
    first = open_ticket_for(people.giulia)
    second = open_ticket_for(people.luca)
    assert re.fullmatch(r"TK\d{6}", first.code)
    assert int(second.code[2:]) == int(first.code[2:]) + 1


def test_numbers_are_taken_in_blocks_in_order(people, open_ticket_for):
    last = int(open_ticket_for(people.giulia).code[2:])
    with transaction.atomic():
        assert allocate_ticket_numbers(3) == [last + 1, last + 2, last + 3]
    assert int(open_ticket_for(people.luca).code[2:]) == last + 4


@pytest.mark.django_db(transaction=True)
def test_an_opening_in_progress_does_not_hold_up_the_next_ones_number(people):
    """PostgreSQL: numbers come from a sequence, not from a row locked to commit, so
    openings of different companies do not wait for one another to be numbered."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    first = []

    def take_next():
        with transaction.atomic():
            return allocate_ticket_numbers(1)[0]

    second, in_time = while_held(lambda: first.extend(allocate_ticket_numbers(1)), take_next)
    assert in_time and second == first[0] + 1   # numbered while the other opening was still open
