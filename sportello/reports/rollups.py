"""Keeping the rollups exact. Every write that changes a ticket's counted facts
(creation, first response, status, technician, type, dates) calls count() in its own
transaction, as it calls search's reindex(); rebuild() recounts from scratch."""

import time
from collections import Counter, defaultdict

from sportello.counters import add_to_counters, add_to_histograms

from .facts import TICKET_FIELDS, Deltas, Facts
from .models import LiveTally, MinutesHistogram, Tally, TicketTally

HISTOGRAM_KEY = ("dimension", "grain", "period", "key", "measure")
# The histogram's measures kept from the tickets (reports.callbacks keeps its own).
TICKET_MEASURES = (MinutesHistogram.Measure.ANSWER, MinutesHistogram.Measure.RESOLUTION)


def count(*ticket_ids):
    """Bring these tickets' counts up to date. Call inside the transaction that changed them."""
    from sportello.tickets.models import Ticket

    ids = [pk for pk in dict.fromkeys(ticket_ids) if pk]
    if ids:
        count_read(list(Ticket.objects.filter(pk__in=ids).values(*TICKET_FIELDS)))


def count_read(tickets):
    """count() of tickets the caller has just read (dicts holding TICKET_FIELDS), in the
    same transaction."""
    if not tickets:
        return
    counted = {t.ticket_id: Facts.of_tally(t) for t in TicketTally.objects.filter(
        ticket_id__in=[row["pk"] for row in tickets])}
    deltas = Deltas()
    changed = []
    for row in tickets:
        facts, before = Facts.of_ticket(row), counted.get(row["pk"])
        if facts == before:
            continue
        if before:
            before.add_to(deltas, sign=-1)
        facts.add_to(deltas)
        changed.append(TicketTally(ticket_id=row["pk"], **facts.as_dict()))
    _apply(deltas)
    if changed:
        TicketTally.objects.bulk_create(changed, update_conflicts=True, unique_fields=["ticket"],
                                        update_fields=list(Facts.NAMES))


def count_new(ticket):
    """A ticket opened in this transaction: its facts come from the instance, and nothing
    was counted for it yet."""
    facts = Facts.of_ticket({name: getattr(ticket, name) for name in TICKET_FIELDS})
    deltas = Deltas()
    facts.add_to(deltas)
    _apply(deltas)
    TicketTally.objects.create(ticket_id=ticket.pk, **facts.as_dict())


def forget_deleted(sender, instance, **kwargs):
    """pre_delete of a ticket: take its counts away (its TicketTally row cascades)."""
    tally = TicketTally.objects.filter(ticket_id=instance.pk).first()
    if tally:
        deltas = Deltas()
        Facts.of_tally(tally).add_to(deltas, sign=-1)
        _apply(deltas)


def _apply(deltas):
    """Add the deltas with one statement per table."""
    rows = [(dimension, key, period, *(counts[name] for name in Tally.COUNTERS))
            for (dimension, key, period), counts in deltas.tallies.items() if any(counts.values())]
    add_to_counters(Tally._meta.db_table, ("dimension", "key", "period"), Tally.COUNTERS, rows)
    rows = [(*key, n) for key, n in deltas.live.items() if n]
    add_to_counters(LiveTally._meta.db_table, ("dimension", "key", "status"), ("count",), rows)
    add_minutes(deltas.minutes)


def add_minutes(minutes):
    """Add {(*HISTOGRAM_KEY values, bucket): n} to the histograms, one upsert per bucket."""
    histograms = defaultdict(dict)
    for (*key, bucket), n in minutes.items():
        if n:
            histograms[tuple(key)][bucket] = n
    add_to_histograms(MinutesHistogram._meta.db_table, HISTOGRAM_KEY, "counts",
                      [(*key, counts) for key, counts in histograms.items()])


def rebuild(*, batch=5000, progress=None):
    """Empty the rollups and count every ticket again."""
    from sportello.tickets.models import Ticket

    TicketTally.objects.all().delete()
    Tally.objects.all().delete()
    LiveTally.objects.all().delete()
    MinutesHistogram.objects.filter(measure__in=TICKET_MEASURES).delete()
    deltas = Deltas()
    total = Ticket.objects.count()
    done, last, started = 0, 0, time.monotonic()
    while True:
        rows = list(Ticket.objects.filter(pk__gt=last).order_by("pk").values(*TICKET_FIELDS)[:batch])
        if not rows:
            break
        tally_rows = []
        for row in rows:
            facts = Facts.of_ticket(row)
            facts.add_to(deltas)
            tally_rows.append(TicketTally(ticket_id=row["pk"], **facts.as_dict()))
        TicketTally.objects.bulk_create(tally_rows, batch_size=1000)
        _flush_minutes(deltas)
        done, last = done + len(rows), rows[-1]["pk"]
        if progress:
            progress(done, total, time.monotonic() - started)
    _apply(deltas)
    return done


def fill_minutes(*, batch=5000):
    """Fill the working-minutes histogram from the tickets' counted facts: once, after the
    upgrade that brought it (the other rollups are already right)."""
    deltas, last = Deltas(), 0
    while True:
        tallies = list(TicketTally.objects.filter(ticket_id__gt=last).order_by("ticket_id")[:batch])
        if not tallies:
            break
        for tally in tallies:
            Facts.of_tally(tally).add_to(deltas)
        last = tallies[-1].ticket_id
        _flush_minutes(deltas)
    _flush_minutes(deltas, at_most=0)


def _flush_minutes(deltas, at_most=100_000):
    """Write the histogram's counts so far when they grow big (a million tickets fill
    hundreds of thousands of company-month buckets); adding in pieces is exact."""
    if len(deltas.minutes) > at_most:
        _apply(Deltas(minutes=deltas.minutes))
        deltas.minutes = Counter()
