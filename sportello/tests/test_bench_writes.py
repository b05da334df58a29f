"""The fast-writes benchmark, small: real forms posted by concurrent clients to a
gunicorn with two processes, on the database of the run (SQLite, or PostgreSQL in the
PostgreSQL pass). The bench checks afterwards that nothing was double-spent, lost or
duplicated; this keeps it working and its invariants honest."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_tickets_posted_by_concurrent_clients_each_use_one_unit_and_one_code():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [sys.executable, "bench/writes.py", "--tickets", "150", "--clients", "6", "--companies", "12",
         "--processes", "2", "--threads", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr[-3000:]
    assert result.returncode == 0, report
    assert "150 tickets opened through the portal form" in result.stdout
    assert "errors 0" in result.stdout and "Invariants: all hold" in result.stdout
