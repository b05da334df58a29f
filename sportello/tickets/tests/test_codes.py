import re


def test_codes_are_tk_and_six_digits_and_grow(people, open_ticket_for):
    first = open_ticket_for(people.giulia)
    second = open_ticket_for(people.luca)
    assert re.fullmatch(r"TK\d{6}", first.code)
    assert int(second.code[2:]) == int(first.code[2:]) + 1
