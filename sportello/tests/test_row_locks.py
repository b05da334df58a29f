"""Our row locks are NO KEY locks on PostgreSQL: a transaction that only writes rows
pointing at a locked company or ticket commits without waiting for the lock. With
plain FOR UPDATE its foreign-key check at commit (KEY SHARE) waited for the holder, and
under load, with openings, claims and replies of one company at the same moment, that
wait closed cycles through the ticket counter and the day's rollup counters: 52
"deadlock detected" errors (500s) in two minutes of bench/load.py."""

from pathlib import Path

import pytest
from django.db import connection

import sportello
from sportello.customers import ledger
from sportello.phone.actions import request_callback
from sportello.testing import while_held


@pytest.mark.django_db(transaction=True)
def test_a_call_back_request_commits_while_the_company_units_are_locked(people):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite has one writer at a time)")
    _callback, in_time = while_held(lambda: ledger.lock_company(people.acme), lambda: request_callback(
        company=people.acme, phone_number="02 1234 5678", contact=people.giulia, topic="Richiamatemi per la stampa"))
    assert in_time   # committed while the unit lock was held, instead of waiting for it


def test_every_row_lock_of_ours_is_a_no_key_lock():
    root = Path(sportello.__file__).parent
    plain = [f"{path.relative_to(root)}:{number}"
             for path in sorted(root.rglob("*.py")) if "tests" not in path.parts
             for number, line in enumerate(path.read_text().splitlines(), 1)
             if "select_for_update(" in line and "no_key=True" not in line]
    assert plain == []
