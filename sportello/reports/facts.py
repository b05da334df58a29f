"""What one ticket contributes to the rollups, as plain data (no queries here)."""

from collections import Counter, defaultdict
from dataclasses import astuple, dataclass, field, fields
from datetime import date

from django.utils import timezone

from .histogram import bucket_of

# The ticket columns the facts are made of.
TICKET_FIELDS = ("pk", "company_id", "request_type_id", "assignee_id", "channel", "status", "created_at",
                 "first_response_at", "first_response_met", "first_response_minutes", "resolved_at",
                 "resolution_met", "resolution_minutes", "contact_id")


def contact_key(company_id, user_id):
    """A customer's own tickets, as the reserved area shows them: of their company only."""
    return f"{company_id}-{user_id}"


def _day(moment):
    return timezone.localdate(moment) if moment else None


@dataclass(frozen=True)
class Facts:
    company_id: int
    request_type_id: int
    technician_id: int   # 0: nobody has it
    channel: str
    status: str
    created_day: date
    answered_day: date | None
    answered_on_time: bool | None
    answer_minutes: int | None
    resolved_day: date | None
    resolved_on_time: bool | None
    resolution_minutes: int | None
    contact_id: int   # 0: opened for nobody in particular (phone, mail from an unknown sender)

    NAMES = ()  # filled below: the field names, which TicketTally shares

    @classmethod
    def of_ticket(cls, row):
        """From a dict of TICKET_FIELDS. A first response counts once it has a verdict."""
        answered = row["first_response_met"] is not None and row["first_response_at"] is not None
        resolved = row["resolved_at"] is not None
        return cls(
            company_id=row["company_id"], request_type_id=row["request_type_id"],
            technician_id=row["assignee_id"] or 0, channel=row["channel"], status=row["status"],
            created_day=_day(row["created_at"]),
            answered_day=_day(row["first_response_at"]) if answered else None,
            answered_on_time=row["first_response_met"] if answered else None,
            answer_minutes=row["first_response_minutes"] if answered else None,
            resolved_day=_day(row["resolved_at"]) if resolved else None,
            resolved_on_time=row["resolution_met"] if resolved else None,
            resolution_minutes=row["resolution_minutes"] if resolved else None,
            contact_id=row["contact_id"] or 0,
        )

    @classmethod
    def of_tally(cls, tally):
        return cls(*(getattr(tally, name) for name in cls.NAMES))

    def as_dict(self):
        return dict(zip(self.NAMES, astuple(self), strict=True))

    def slices(self, day):
        """The tally rows a fact of `day` is counted in."""
        return [("all", "", day), ("type", str(self.request_type_id), day),
                ("technician", str(self.technician_id), day), ("channel", self.channel, day),
                ("company", str(self.company_id), day.replace(day=1))]

    def tally_slices(self, day):
        """The Tally rows: the slices, and the company's year."""
        return [*self.slices(day), ("company_year", str(self.company_id), day.replace(month=1, day=1))]

    def add_to(self, deltas, sign=1):
        """Add (sign=1) or take away (sign=-1) this ticket's counts."""
        tallies = deltas.tallies
        for key in self.tally_slices(self.created_day):
            tallies[key]["created"] += sign
        if self.answered_day:
            for key in self.tally_slices(self.answered_day):
                tallies[key]["answered"] += sign
                tallies[key]["answered_on_time"] += sign * bool(self.answered_on_time)
                tallies[key]["answer_minutes"] += sign * (self.answer_minutes or 0)
            self._add_minutes(deltas.minutes, "answer", self.answered_day, self.answer_minutes, sign)
        if self.resolved_day:
            for key in self.tally_slices(self.resolved_day):
                tallies[key]["resolved"] += sign
                tallies[key]["resolved_on_time"] += sign * bool(self.resolved_on_time)
                tallies[key]["resolution_minutes"] += sign * (self.resolution_minutes or 0)
            self._add_minutes(deltas.minutes, "resolution", self.resolved_day, self.resolution_minutes, sign)
        for key in (("all", ""), ("technician", str(self.technician_id)), ("company", str(self.company_id)),
                    *([("contact", contact_key(self.company_id, self.contact_id))] if self.contact_id else [])):
            deltas.live[(*key, self.status)] += sign

    def _add_minutes(self, minutes, measure, day, value, sign):
        """One histogram count per slice in the month's and in the year's rows; a time
        never measured (no service level applied) is left out rather than taken for 0."""
        if value is None:
            return
        bucket = bucket_of(value)
        for dimension, key, _ in self.slices(day):
            for grain, period in (("month", day.replace(day=1)), ("year", day.replace(month=1, day=1))):
                minutes[(dimension, grain, period, key, measure, bucket)] += sign


Facts.NAMES = tuple(f.name for f in fields(Facts))


@dataclass
class Deltas:
    """What a change adds to each rollup table, keyed by the rows' unique columns."""

    tallies: defaultdict = field(default_factory=lambda: defaultdict(Counter))
    live: Counter = field(default_factory=Counter)
    minutes: Counter = field(default_factory=Counter)
