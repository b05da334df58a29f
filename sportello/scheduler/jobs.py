"""Periodic jobs and the tick that enqueues them. django.tasks has no periodic
jobs, so every worker runs this small scheduler; a tick is claimed in the
database, so however many workers run, each job runs once per slot."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import JobTick

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every_seconds: int
    task_path: str  # dotted path to a django.tasks task

    def slot(self, now):
        return int(now.timestamp()) // self.every_seconds


JOBS = [
    PeriodicJob("mail-retry", 60, "sportello.outbox.tasks.retry_due_mail"),
    PeriodicJob("webhook-retry", 60, "sportello.outbox.tasks.retry_due_webhooks"),
    PeriodicJob("package-upkeep", 3600, "sportello.customers.tasks.package_upkeep"),
    PeriodicJob("sla-sweep", 60, "sportello.sla.tasks.sla_sweep"),
    PeriodicJob("mailbox-poll", 60, "sportello.mail.tasks.poll_mailbox"),
    PeriodicJob("callback-sweep", 60, "sportello.phone.tasks.callback_sweep"),
    PeriodicJob("file-rescan", 300, "sportello.tickets.tasks.rescan_files"),
    PeriodicJob("presence-cleanup", 3600, "sportello.tickets.tasks.forget_presence"),
    PeriodicJob("auto-assign", 60, "sportello.tickets.assignment.assign_waiting_task"),
    PeriodicJob("dead-workers", 30, "sportello.scheduler.tasks.recover_dead_workers"),
]


def run_due_jobs(*, worker_id, now=None, jobs=None):
    """Enqueue every job whose current slot nobody has claimed yet. Returns the
    names of the jobs this worker enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs if jobs is not None else JOBS:
        with transaction.atomic():
            if not _claim(job.name, job.slot(now), worker_id, now):
                continue  # another worker has this slot
            import_string(job.task_path).enqueue()
        enqueued.append(job.name)
    return enqueued


def _claim(job, slot, worker_id, now):
    """Insert the slot's row unless it is there: the workers that lose the race get no
    row back instead of a unique-key error, which PostgreSQL would write to its log as
    an ERROR every minute for every job and every worker but one."""
    table = connection.ops.quote_name(JobTick._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (job, slot, claimed_by, claimed_at) VALUES (%s, %s, %s, %s) "
                       f"ON CONFLICT (job, slot) DO NOTHING RETURNING id",
                       [job, slot, worker_id, connection.ops.adapt_datetimefield_value(now)])
        return cursor.fetchone() is not None


def prune_ticks(*, older_than=timedelta(days=2)):
    JobTick.objects.filter(claimed_at__lt=timezone.now() - older_than).delete()
