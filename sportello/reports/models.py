"""Rollups: small tables of counters that reports and the dashboard read instead of
scanning history. Written only by reports.rollups, in the transaction of the change
they count, so they never disagree with the tickets (rebuild_rollups proves it)."""

from django.db import models


class Tally(models.Model):
    """Counters of one period for one slice of the desk: the whole desk ("all", key ""),
    one request type, technician (0 = nobody) or channel per day, one company per month."""

    class Dimension(models.TextChoices):
        ALL = "all"
        TYPE = "type"
        TECHNICIAN = "technician"
        CHANNEL = "channel"
        COMPANY = "company"   # by month: hundreds of companies × days would be as big as the tickets

    dimension = models.CharField(max_length=12, choices=Dimension)
    key = models.CharField(max_length=20)
    period = models.DateField()
    created = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)           # first responses given that day
    answered_on_time = models.IntegerField(default=0)
    answer_minutes = models.BigIntegerField(default=0)  # working minutes to those first responses
    resolved = models.IntegerField(default=0)
    resolved_on_time = models.IntegerField(default=0)
    resolution_minutes = models.BigIntegerField(default=0)

    COUNTERS = ("created", "answered", "answered_on_time", "answer_minutes", "resolved", "resolved_on_time",
                "resolution_minutes")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dimension", "key", "period"], name="tally_slice_once")]
        indexes = [models.Index(fields=["dimension", "period"], name="tally_period_idx")]


class LiveTally(models.Model):
    """How many tickets are in each status now: for the desk, per technician, per company."""

    dimension = models.CharField(max_length=12, choices=Tally.Dimension)
    key = models.CharField(max_length=20)
    status = models.CharField(max_length=10)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dimension", "key", "status"], name="live_tally_once")]


class TicketTally(models.Model):
    """What one ticket adds to the tallies, as last counted: a change subtracts this
    and adds the new facts, so moving a ticket between slices is exact."""

    ticket = models.OneToOneField("tickets.Ticket", on_delete=models.CASCADE, primary_key=True, related_name="+")
    company_id = models.IntegerField()
    request_type_id = models.IntegerField()
    technician_id = models.IntegerField()
    channel = models.CharField(max_length=10)
    status = models.CharField(max_length=10)
    created_day = models.DateField()
    answered_day = models.DateField(null=True)
    answered_on_time = models.BooleanField(null=True)
    answer_minutes = models.IntegerField(null=True)
    resolved_day = models.DateField(null=True)
    resolved_on_time = models.BooleanField(null=True)
    resolution_minutes = models.IntegerField(null=True)
