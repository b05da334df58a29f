from datetime import UTC, datetime

import pytest
from django_tasks_db.models import DBTaskResult

from sportello.scheduler.jobs import JOBS, PeriodicJob, run_due_jobs
from sportello.scheduler.models import JobTick
from sportello.testing import run_together

NOW = datetime(2026, 11, 25, 10, 0, 30, tzinfo=UTC)


def test_a_slot_is_run_once_and_the_next_slot_runs_again(db):
    job = PeriodicJob("mail-retry-test", 60, "sportello.outbox.tasks.retry_due_mail")
    assert run_due_jobs(worker_id="w1", now=NOW, jobs=[job]) == ["mail-retry-test"]
    assert run_due_jobs(worker_id="w2", now=NOW, jobs=[job]) == []
    later = NOW.replace(minute=1)
    assert run_due_jobs(worker_id="w2", now=later, jobs=[job]) == ["mail-retry-test"]
    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_ticking_at_once_enqueue_each_job_once():
    outcomes = run_together([lambda: run_due_jobs(worker_id="w1", now=NOW),
                             lambda: run_due_jobs(worker_id="w2", now=NOW)])
    enqueued = [name for names in outcomes for name in names]
    assert sorted(enqueued) == sorted(job.name for job in JOBS)
    assert JobTick.objects.count() == len(JOBS)
    assert DBTaskResult.objects.count() == len(JOBS)


def test_a_slot_already_claimed_is_skipped_without_a_database_error(db):
    """The loser's claim must not fail inside the database (PostgreSQL logs every failed
    statement as an ERROR): the transaction stays usable and nothing is written."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    job = PeriodicJob("mail-retry-test", 60, "sportello.outbox.tasks.retry_due_mail")
    run_due_jobs(worker_id="w1", now=NOW, jobs=[job])
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert run_due_jobs(worker_id="w2", now=NOW, jobs=[job]) == []
        assert JobTick.objects.get().claimed_by == "w1"   # usable: no aborted transaction
    assert not any("SAVEPOINT" in q["sql"] and "ROLLBACK" in q["sql"] for q in queries.captured_queries)
    assert JobTick.objects.get().claimed_at == NOW
