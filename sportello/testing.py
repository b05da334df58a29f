"""Helpers for tests that race real threads against the database."""

import threading

from django.db import connection


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
