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
        COMPANY_YEAR = "company_year"   # and by year, so a year's report reads one row per company
        CONTACT = "contact"   # live counts only, key "company-user": a customer's own tickets

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
    contact_id = models.IntegerField(default=0)   # the customer who opened it (0: nobody)


class MinutesHistogram(models.Model):
    """How many first responses (or resolutions) took each bucket of working minutes
    (reports.histogram), per slice, month and year: a period is read as the whole months
    it touches, whole years taken from the year's rows. One row holds a slice's whole
    histogram, so a year's medians by company read one row per company and measure,
    whatever the number of tickets. Days would make the table as big as the tickets for
    the rare period cut mid-month."""

    class Measure(models.TextChoices):
        ANSWER = "answer"
        RESOLUTION = "resolution"
        CALLBACK = "callback"   # minutes (not working minutes) from a call-back request to its call

    class Grain(models.TextChoices):
        MONTH = "month"
        YEAR = "year"

    dimension = models.CharField(max_length=12, choices=Tally.Dimension)
    grain = models.CharField(max_length=5, choices=Grain)
    period = models.DateField()   # the first day of the month or year
    key = models.CharField(max_length=20)
    measure = models.CharField(max_length=10, choices=Measure)
    # {"bucket's lower bound in working minutes": count}, as JSON text; written only by
    # counters.add_to_histograms, which adds to it inside the database.
    counts = models.TextField(default="{}")

    class Meta:
        # Its index serves the reads: one dimension and grain, a range of periods.
        constraints = [models.UniqueConstraint(fields=["dimension", "grain", "period", "key", "measure"],
                                               name="minutes_histogram_once")]


class CallbackTally(models.Model):
    """Call-backs per day and per month: requests by the state they are in now, counted on
    the day they were asked for, and attempts by outcome on the day they were made
    (reports.callbacks). A period reads its whole months from the month rows."""

    class Kind(models.TextChoices):
        REQUEST = "request"
        ATTEMPT = "attempt"

    class Grain(models.TextChoices):
        DAY = "day"
        MONTH = "month"

    grain = models.CharField(max_length=5, choices=Grain)
    day = models.DateField()   # the day, or the first day of the month
    kind = models.CharField(max_length=8, choices=Kind)
    value = models.CharField(max_length=12)   # the request's state, or the attempt's outcome
    count = models.IntegerField(default=0)

    class Meta:
        # Its index serves the reads: one grain, a range of days.
        constraints = [models.UniqueConstraint(fields=["grain", "day", "kind", "value"], name="callback_tally_once")]


class TopicWarningDay(models.Model):
    """What customers did, day by day, when the new-ticket form warned that a request
    seemed to raise several topics (the technicians' side is in the tickets' events)."""

    day = models.DateField(unique=True)
    warned = models.IntegerField(default=0)   # forms that showed the warning (once per form)
    split = models.IntegerField(default=0)    # … split by the customer into one ticket per topic
    kept = models.IntegerField(default=0)     # … sent as one ticket all the same

    COUNTERS = ("warned", "split", "kept")
