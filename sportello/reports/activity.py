"""Figures of a period that are not ticket counters: call-backs and the one-topic rule.
Each reads an index range of the period's own rows (call-backs, their attempts, the
rare "più argomenti" events, split and merge links), never the history before it."""

from datetime import datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone


def _range(period):
    start = timezone.make_aware(datetime.combine(period.start, time(0)))
    end = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time(0)))
    return {"created_at__gte": start, "created_at__lt": end}


def callbacks(period):
    """Requests by state, attempts by outcome, and the median minutes from request to the
    call that closed it."""
    from sportello.phone.models import CallAttempt, CallbackRequest

    requests = CallbackRequest.objects.filter(**_range(period)).order_by()
    states = dict(requests.values_list("state").annotate(n=Count("id")))
    outcomes = dict(CallAttempt.objects.filter(**_range(period)).order_by().values_list("outcome")
                    .annotate(n=Count("id")))
    waits = sorted((closed - created).total_seconds() / 60 for created, closed in requests.filter(
        state=CallbackRequest.State.DONE, closed_at__isnull=False).values_list("created_at", "closed_at"))
    return {
        "requested": sum(states.values()),
        "states": [(label, states.get(value, 0)) for value, label in CallbackRequest.State.choices],
        "outcomes": [(label, outcomes.get(value, 0)) for value, label in CallAttempt.Outcome.choices],
        "median_minutes": round(waits[len(waits) // 2]) if waits else None,
    }


def one_topic(period):
    """How often the one-topic rule was applied, and tickets split or merged."""
    from sportello.tickets.models import Event, TicketLink

    links = dict(TicketLink.objects.filter(**_range(period)).order_by().values_list("kind").annotate(n=Count("id")))
    return {"answered": Event.objects.filter(kind=Event.Kind.ONE_TOPIC, **_range(period)).count(),
            "split": links.get(TicketLink.Kind.SPLIT, 0), "merged": links.get(TicketLink.Kind.MERGED, 0)}
