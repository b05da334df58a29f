"""Figures of a period that are not ticket counters: call-backs and the one-topic rule.
Call-backs are read from their daily rollups (a busy desk has tens of thousands a
year); the one-topic figures read an index range of the period's own rows (the rare
"più argomenti" events, split and merge links, the warnings' daily counts), never the
history before it."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from sportello.counters import add_to_counters
from sportello.single_statement import counted, in_one_statement, summed

from .models import TopicWarningDay


def _range(period):
    start = timezone.make_aware(datetime.combine(period.start, time(0)))
    end = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time(0)))
    return {"created_at__gte": start, "created_at__lt": end}


def callbacks(period, waits=None):
    """Requests by state, attempts by outcome, and the median minutes from request to the
    call that closed it: from their rollups (reports.callbacks)."""
    from .callbacks import figures

    return figures(period, waits)


def one_topic(period):
    """How often the one-topic rule was applied, and tickets split or merged: one statement."""
    from sportello.tickets.models import Event, TicketLink

    links = TicketLink.objects.filter(**_range(period))
    warnings = TopicWarningDay.objects.filter(day__gte=period.start, day__lte=period.end)
    return in_one_statement({
        "answered": counted(Event.objects.filter(kind=Event.Kind.ONE_TOPIC, **_range(period))),
        "split": counted(links.filter(kind=TicketLink.Kind.SPLIT)),
        "merged": counted(links.filter(kind=TicketLink.Kind.MERGED)),
        "warned": summed(warnings, "warned"), "customer_split": summed(warnings, "split"),
        "kept": summed(warnings, "kept")})


def count_topic_warning(*, warned=0, split=0, kept=0):
    """Add to today's one-topic warning counts (inside the transaction that opened the
    tickets, for `split` and `kept`)."""
    add_to_counters(TopicWarningDay._meta.db_table, ("day",), TopicWarningDay.COUNTERS,
                    [(timezone.localdate(), warned, split, kept)])
