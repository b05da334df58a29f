"""A ticket's deadlines, derived from its history (events) and the calendar.

Nothing here is incremented in place: every refresh recomputes from the events,
so a changed calendar, policy or priority gives the same answer as if it had
always been so — for what is still open. A first response already given keeps
the verdict it got then.
"""

from sportello.reports import rollups
from sportello.tickets.models import NO_DEADLINE, Event, Ticket

from .calendars import load_rules
from .clock import run_clock

PAUSED = {Ticket.Status.WAITING, Ticket.Status.RESOLVED, Ticket.Status.CLOSED}
RELEVANT = [Event.Kind.STATUS, Event.Kind.REPLY, Event.Kind.CUSTOMER_REPLY]


def response_cycles(ticket, events):
    """Each cycle starts when the customer is owed an answer (the ticket is opened,
    or the customer writes after our last reply) and stops at our next public
    reply. It pauses while the ticket waits for the customer or is resolved."""
    cycles, current = [], {"start": ticket.created_at, "changes": []}
    for event in events:
        if event.kind == Event.Kind.REPLY:
            if current is not None:
                current["changes"].append((event.created_at, "stop"))
                cycles.append(current)
                current = None
        elif event.kind == Event.Kind.CUSTOMER_REPLY:
            if current is None:
                current = {"start": event.created_at, "changes": []}
        elif current is not None and event.kind == Event.Kind.STATUS:
            current["changes"].extend(_pause_or_resume(event))
    if current is not None:
        cycles.append(current)
    return cycles


def _pause_or_resume(event):
    old, new = event.old_value in PAUSED, event.new_value in PAUSED
    if new and not old:
        return [(event.created_at, "pause")]
    if old and not new:
        return [(event.created_at, "resume")]
    return []


def resolution_changes(events):
    """Runs from creation; pauses while waiting or resolved; stops when closed."""
    changes = []
    for event in events:
        if event.kind == Event.Kind.STATUS:
            if event.new_value == Ticket.Status.CLOSED:
                changes.append((event.created_at, "stop"))
            else:
                changes.extend(_pause_or_resume(event))
    return changes


def _minutes(duration):
    return int(duration.total_seconds() // 60)


def compute_sla(ticket, events, calendar, targets):
    """The SLA fields of `ticket` as a dict."""
    first_target, resolution_target = targets.for_ticket(ticket)
    cycles = response_cycles(ticket, events)
    results = [run_clock(calendar, target=first_target, start=c["start"], changes=c["changes"]) for c in cycles]
    fields = {"response_due_at": NO_DEADLINE, "response_at_risk_at": NO_DEADLINE, "response_started_at": None,
              "first_response_met": None, "first_response_minutes": None,
              "resolution_due_at": None, "resolution_met": None, "resolution_minutes": None}
    if results and results[0].stopped_at is not None:
        fields["first_response_met"] = results[0].met
        fields["first_response_minutes"] = _minutes(results[0].elapsed)
    if results and results[-1].stopped_at is None:
        pending = results[-1]
        fields["response_started_at"] = cycles[-1]["start"]
        if pending.running or pending.due_at:
            fields["response_due_at"] = pending.due_at or NO_DEADLINE
            fields["response_at_risk_at"] = pending.at_risk_at or NO_DEADLINE
    if resolution_target is not None:
        resolution = run_clock(calendar, target=resolution_target, start=ticket.created_at,
                               changes=resolution_changes(events))
        fields["resolution_due_at"] = resolution.due_at if resolution.running or resolution.due_at else None
        fields["resolution_minutes"] = _minutes(resolution.elapsed)
        if resolution.stopped_at or ticket.status == Ticket.Status.RESOLVED:
            fields["resolution_met"] = resolution.elapsed <= resolution_target
    return fields


def set_new_ticket_sla(ticket):
    """The deadlines of a ticket about to be inserted (no status change nor reply yet),
    set on the instance so that they are written with it."""
    calendar, targets = load_rules()
    for name, value in compute_sla(ticket, [], calendar, targets).items():
        setattr(ticket, name, value)


def refresh_ticket_sla(ticket, *, calendar=None, targets=None):
    """Recompute and store `ticket`'s deadlines. Call after writing its events."""
    if calendar is None or targets is None:
        calendar, targets = load_rules()
    events = list(ticket.events.filter(kind__in=RELEVANT).order_by("id").only(
        "kind", "old_value", "new_value", "created_at"))
    fields = compute_sla(ticket, events, calendar, targets)
    if ticket.first_response_met is not None:
        # A first response's verdict is fixed when it is given: a stricter target or a
        # new priority later moves only the cycles still open, never a verdict given.
        fields["first_response_met"] = ticket.first_response_met
        fields["first_response_minutes"] = ticket.first_response_minutes
    if fields["response_started_at"] != ticket.response_started_at:
        fields["sla_warning_level"] = 0  # a new answer is owed: its warnings are new too
    Ticket.objects.filter(pk=ticket.pk).update(**fields)
    for name, value in fields.items():
        setattr(ticket, name, value)
    return ticket


def refresh_open_tickets(*, batch=500):
    """After a calendar or policy change: recompute every ticket not yet closed."""
    calendar, targets = load_rules(fresh=True)
    count = 0
    last = 0
    while True:
        chunk = list(Ticket.objects.exclude(status=Ticket.Status.CLOSED).filter(pk__gt=last).order_by("pk")[:batch])
        if not chunk:
            return count
        for ticket in chunk:
            refresh_ticket_sla(ticket, calendar=calendar, targets=targets)
        rollups.count(*(t.pk for t in chunk))   # a resolved ticket's verdict may follow the new calendar
        count += len(chunk)
        last = chunk[-1].pk
