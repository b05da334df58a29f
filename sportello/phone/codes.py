"""Assistance codes: easy to read aloud, hard to guess, and typo-proof.

Seven random characters and one check character from a 31-symbol alphabet with no
look-alikes (no I, L, O, 0 or 1), shown as ABCD-EFGH. The check character makes the
weighted sum (weights 1…8) divisible by 31; since 31 is prime and the weights are
distinct, any single wrong character and any swap of two neighbours is caught.
"""

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
assert len(ALPHABET) == 31
VALUE = {c: i for i, c in enumerate(ALPHABET)}
DATA_LENGTH = 7


def check_character(data: str) -> str:
    total = sum((position + 1) * VALUE[c] for position, c in enumerate(data))
    # Find x with total + 8·x ≡ 0 (mod 31): 8·4 = 32 ≡ 1, so x = −4·total.
    return ALPHABET[(-4 * total) % 31]


def generate(taken=lambda code: False) -> str:
    """A fresh code; `taken(code)` says whether one is already in use (31^7 codes
    make that rare, not impossible, so it is asked)."""
    for _ in range(100):
        data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_LENGTH))
        code = data + check_character(data)
        if not taken(code):
            return code
    raise RuntimeError("no free assistance code found")


def normalise(typed: str) -> str:
    """What a person types or reads out: any case, spaces or dashes."""
    return "".join(c for c in (typed or "").upper() if c not in " -.\t")


def is_well_formed(code: str) -> bool:
    code = normalise(code)
    return (len(code) == DATA_LENGTH + 1 and all(c in VALUE for c in code)
            and check_character(code[:-1]) == code[-1])


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"
