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
