"""SQLite with a queue for writers.

Every transaction takes SQLite's write lock at BEGIN (`transaction_mode` IMMEDIATE). A
connection that finds it taken is left to SQLite's busy handler, which sleeps 1, 2, 5, 10,
15... ms between tries and so leaves the lock unused for milliseconds after each commit:
with two web processes opening tickets, each spent 40 % of its time asleep there. Here a
transaction first takes an exclusive `flock` on a file beside the database and keeps it
until its commit hooks have run (their task rows are the next write); a waiting writer
polls that lock every millisecond at most, so the next one starts as soon as the previous
one is done. SQLite's busy handler stays the fallback for writes outside a transaction,
for other programs, and where the lock file cannot be opened (a read-only folder). The
kernel drops the lock of a process that dies. A slow commit hook (a file deleted from a
bucket) delays the next writer as long as it runs.
"""

import contextlib
import fcntl
import logging
import os
import time

from django.db.backends.sqlite3 import base, creation

FIRST_PAUSE, LONGEST_PAUSE = 0.00005, 0.001
NO_QUEUE = -1
logger = logging.getLogger(__name__)


def queue_file(database):
    return f"{database}-writers"


def _open_queue(database):
    """The lock file, readable and writable by whoever may write the database (the web
    server and the worker may run as different users of one group)."""
    try:
        mode = os.stat(database).st_mode & 0o666
    except OSError:
        mode = 0o644
    try:
        return os.open(queue_file(database), os.O_RDWR | os.O_CREAT, mode)
    except OSError as error:
        logger.warning("SQLite writers' queue off, SQLite's busy handler instead: %s", error)
        return NO_QUEUE


class DatabaseCreation(creation.DatabaseCreation):
    def _destroy_test_db(self, test_database_name, verbosity):
        super()._destroy_test_db(test_database_name, verbosity)
        if test_database_name and not self.is_in_memory_db(test_database_name):
            with contextlib.suppress(FileNotFoundError):
                os.remove(queue_file(test_database_name))


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._queue_file = None
        self._writing = False

    def _start_transaction_under_autocommit(self):
        if not self.is_in_memory_db():
            self._wait_for_writers()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._done_writing()
            raise

    def _wait_for_writers(self):
        """As long as SQLite itself would wait (the `timeout` option), then "database is locked"."""
        if self._queue_file is None:
            self._queue_file = _open_queue(self.settings_dict["NAME"])
        if self._queue_file == NO_QUEUE:
            return
        give_up = time.monotonic() + self.settings_dict["OPTIONS"].get("timeout", 5)
        pause = FIRST_PAUSE
        while not self._take_turn():
            if time.monotonic() > give_up:
                with self.wrap_database_errors:
                    raise base.Database.OperationalError("database is locked")
            time.sleep(pause)
            pause = min(pause * 2, LONGEST_PAUSE)
        self._writing = True

    def _take_turn(self):
        try:
            fcntl.flock(self._queue_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _done_writing(self):
        if self._writing:
            self._writing = False
            fcntl.flock(self._queue_file, fcntl.LOCK_UN)

    def set_autocommit(self, autocommit, *args, **kwargs):
        # Back in autocommit after a commit or a rollback: Django runs the commit hooks
        # in here, and only then is the next writer let in.
        try:
            super().set_autocommit(autocommit, *args, **kwargs)
        finally:
            if autocommit:
                self._done_writing()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._done_writing()
            if self._queue_file not in (None, NO_QUEUE):
                os.close(self._queue_file)
                self._queue_file = None
