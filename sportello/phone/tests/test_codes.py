import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from sportello.phone import codes


def test_no_collisions_in_a_large_sample():
    issued = set()
    for _ in range(100_000):
        issued.add(codes.generate(taken=issued.__contains__))
    assert len(issued) == 100_000
    assert all(codes.is_well_formed(code) for code in issued)


def test_no_look_alike_characters():
    assert not set("IL0O1") & set(codes.ALPHABET)


def test_every_single_character_error_is_caught_exhaustively_for_a_code():
    code = codes.generate()
    for position, wrong in itertools.product(range(8), codes.ALPHABET):
        typo = code[:position] + wrong + code[position + 1:]
        assert codes.is_well_formed(typo) == (typo == code)


@settings(max_examples=500)
@given(data=st.text(alphabet=codes.ALPHABET, min_size=7, max_size=7), position=st.integers(0, 6))
def test_every_adjacent_swap_is_caught(data, position):
    code = data + codes.check_character(data)
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2:]
    assert codes.is_well_formed(swapped) == (swapped == code)


def test_people_may_type_it_any_way():
    code = codes.generate()
    assert codes.is_well_formed(f" {codes.display(code).lower()} ")
    assert codes.normalise(codes.display(code)) == code
