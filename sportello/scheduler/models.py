from django.db import models


class JobTick(models.Model):
    """A periodic job's run for one time slot. The unique constraint is the claim:
    whichever worker inserts the row enqueues the job; the others skip it."""

    job = models.CharField(max_length=60)
    slot = models.BigIntegerField()
    claimed_by = models.CharField(max_length=64)
    claimed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="jobtick_unique_slot")]


class WorkerHeartbeat(models.Model):
    """A running worker says it is alive every few seconds. A worker whose heartbeat
    stopped (killed, machine lost) is dead: the tasks and outbox rows it held are
    handed to the others (see scheduler.recovery)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)
