"""Helpers for tests that race real threads against the database."""

import threading

from django.db import connection, transaction


def while_held(hold, act, *, seconds=5):
    """Run `hold()` in a transaction on another connection and keep that transaction
    open until `act()` returns here, or for `seconds` at most. Returns act's result and
    whether it came back while the other transaction was still open (False: it waited)."""
    held, done, outcome = threading.Event(), threading.Event(), {}

    def holder():
        try:
            with transaction.atomic():
                hold()
                held.set()
                outcome["in_time"] = done.wait(seconds)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert held.wait(10), "the other transaction did not start"
        result = act()
    finally:
        done.set()
        thread.join(seconds + 10)
    assert not thread.is_alive(), "the other transaction did not end"
    return result, outcome.get("in_time", False)


def run_together(functions, *, timeout=60):
    """Start every function at the same moment, each in its own thread with its
    own database connection; return their results in order. Raises the first
    error a thread met, and fails if a thread does not finish in time."""
    barrier = threading.Barrier(len(functions))
    results, errors = [None] * len(functions), []

    def runner(index, function):
        try:
            barrier.wait(timeout=timeout)
            results[index] = function()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(t.is_alive() for t in threads), "a thread did not finish in time"
    if errors:
        raise errors[0]
    return results


def free_port():
    """A TCP port nobody listens on, on 127.0.0.1."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, *, process=None, timeout=20, ready=None):
    """Wait until something accepts connections on 127.0.0.1:`port` (and, if given,
    `ready(sock)` says it is really up). False if `process` died or time ran out."""
    import socket
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                if ready is None or ready(sock):
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def summer_week_next_year():
    """Monday and Friday of a working week in August of next year: closing days that
    stay in the future (the calendars page lists only coming ones) whenever tests run."""
    from datetime import date, timedelta

    from django.utils import timezone

    first = date(timezone.localdate().year + 1, 8, 2)
    monday = first + timedelta(days=-first.weekday() % 7)
    return monday, monday + timedelta(days=4)
