"""SQLite's queue for writers (sportello/sqlite_writers): the next transaction starts
as soon as the previous one is done, never in the middle of its commit hooks, and a
writer that cannot get in gives up after the database's timeout instead of waiting for
ever."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from django.db import OperationalError, connection, transaction

from sportello.sqlite_writers.base import queue_file
from sportello.tickets.models import RequestType

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own write lock"),
]


def _in_thread(work):
    errors = []

    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001 - handed to the test
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_the_next_writer_starts_after_the_commit_hooks_of_the_one_before():
    steps, first_inside = [], threading.Event()

    def first():
        with transaction.atomic():
            RequestType.objects.create(name="Primo", position=90)
            # The hook writes after the commit, as enqueuing a task does.
            transaction.on_commit(lambda: (time.sleep(0.3), RequestType.objects.create(name="Dopo il primo",
                                                                                        position=91),
                                           steps.append("first's hooks done")))
            first_inside.set()
            time.sleep(0.2)

    def second():
        assert first_inside.wait(10)
        with transaction.atomic():
            steps.append("second began")
            RequestType.objects.create(name="Secondo", position=92)

    threads = [_in_thread(first), _in_thread(second)]
    for thread, _ in threads:
        thread.join(30)
    assert [error for _, errors in threads for error in errors] == []
    assert steps == ["first's hooks done", "second began"]
    assert set(RequestType.objects.filter(position__gte=90).values_list("name", flat=True)) == {
        "Primo", "Dopo il primo", "Secondo"}


def test_a_writer_that_cannot_get_in_gives_up_after_the_timeout():
    holding, release = threading.Event(), threading.Event()

    def holder():
        with transaction.atomic():
            RequestType.objects.create(name="Lungo", position=90)
            holding.set()
            release.wait(30)

    thread, errors = _in_thread(holder)
    assert holding.wait(10)
    connection.close()
    connection.settings_dict = {**connection.settings_dict,
                                "OPTIONS": {**connection.settings_dict["OPTIONS"], "timeout": 0.3}}
    started = time.monotonic()
    try:
        with pytest.raises(OperationalError, match="database is locked"), transaction.atomic():
            RequestType.objects.create(name="Bloccato", position=91)
        assert time.monotonic() - started < 5
    finally:
        release.set()
        thread.join(30)
    assert errors == []
    with transaction.atomic():  # the queue is free again once the holder committed
        RequestType.objects.create(name="Dopo", position=92)
    assert set(RequestType.objects.filter(position__gte=90).values_list("name", flat=True)) == {"Lungo", "Dopo"}


def test_a_process_killed_inside_a_transaction_does_not_block_the_others():
    database = connection.settings_dict["NAME"]
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import fcntl, os, sqlite3, sys, time\n"
            f"queue = os.open({queue_file(database)!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(queue, fcntl.LOCK_EX)\n"
            f"db = sqlite3.connect({database!r}, isolation_level=None)\n"
            "db.execute('BEGIN IMMEDIATE')\n"
            "print('holding', flush=True)\n"
            "time.sleep(60)\n")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        with transaction.atomic():
            RequestType.objects.create(name="Dopo la caduta", position=90)
    finally:
        holder.kill()
        holder.wait(10)
    assert RequestType.objects.filter(name="Dopo la caduta").exists()


def test_the_lock_file_is_shared_like_the_database_and_its_absence_stops_nothing(caplog):
    database = connection.settings_dict["NAME"]
    with transaction.atomic():
        RequestType.objects.create(name="Primo", position=90)
    assert os.stat(queue_file(database)).st_mode & 0o777 == os.stat(database).st_mode & 0o666

    # A lock file that cannot be opened (here a folder in its place): SQLite's own waiting.
    connection.close()
    os.remove(queue_file(database))
    os.mkdir(queue_file(database))
    try:
        with transaction.atomic():
            RequestType.objects.create(name="Senza coda", position=91)
        assert "queue off" in caplog.text
    finally:
        connection.close()
        os.rmdir(queue_file(database))
    assert RequestType.objects.filter(name="Senza coda").exists()
