"""Keeping the rollups exact. Every write that changes a ticket's counted facts
(creation, first response, status, technician, type, dates) calls count() in its own
transaction, as it calls search's reindex(); rebuild() recounts from scratch."""

import time

from sportello.counters import add_to_counters

from .facts import TICKET_FIELDS, Facts, empty_deltas
from .models import LiveTally, Tally, TicketTally


def count(*ticket_ids):
    """Bring these tickets' counts up to date. Call inside the transaction that changed them."""
    from sportello.tickets.models import Ticket

    ids = [pk for pk in dict.fromkeys(ticket_ids) if pk]
    if not ids:
        return
    counted = {t.ticket_id: Facts.of_tally(t) for t in TicketTally.objects.filter(ticket_id__in=ids)}
    tallies, live = empty_deltas()
    changed = []
    for row in Ticket.objects.filter(pk__in=ids).values(*TICKET_FIELDS):
        facts, before = Facts.of_ticket(row), counted.get(row["pk"])
        if facts == before:
            continue
        if before:
            before.add_to(tallies, live, sign=-1)
        facts.add_to(tallies, live)
        changed.append(TicketTally(ticket_id=row["pk"], **facts.as_dict()))
    _apply(tallies, live)
    if changed:
        TicketTally.objects.bulk_create(changed, update_conflicts=True, unique_fields=["ticket"],
                                        update_fields=list(Facts.NAMES))


def count_new(ticket):
    """A ticket opened in this transaction: its facts come from the instance, and nothing
    was counted for it yet."""
    facts = Facts.of_ticket({name: getattr(ticket, name) for name in TICKET_FIELDS})
    tallies, live = empty_deltas()
    facts.add_to(tallies, live)
    _apply(tallies, live)
    TicketTally.objects.create(ticket_id=ticket.pk, **facts.as_dict())


def forget_deleted(sender, instance, **kwargs):
    """pre_delete of a ticket: take its counts away (its TicketTally row cascades)."""
    tally = TicketTally.objects.filter(ticket_id=instance.pk).first()
    if tally:
        tallies, live = empty_deltas()
        Facts.of_tally(tally).add_to(tallies, live, sign=-1)
        _apply(tallies, live)


def _apply(tallies, live):
    """Add the deltas with one statement per table."""
    rows = [(dimension, key, period, *(counts[name] for name in Tally.COUNTERS))
            for (dimension, key, period), counts in tallies.items() if any(counts.values())]
    if rows:
        add_to_counters(Tally._meta.db_table, ("dimension", "key", "period"), Tally.COUNTERS, rows)
    rows = [(dimension, key, status, n) for (dimension, key, status), n in live.items() if n]
    if rows:
        add_to_counters(LiveTally._meta.db_table, ("dimension", "key", "status"), ("count",), rows)


def rebuild(*, batch=5000, progress=None):
    """Empty the rollups and count every ticket again."""
    from sportello.tickets.models import Ticket

    TicketTally.objects.all().delete()
    Tally.objects.all().delete()
    LiveTally.objects.all().delete()
    tallies, live = empty_deltas()
    total = Ticket.objects.count()
    done, last, started = 0, 0, time.monotonic()
    while True:
        rows = list(Ticket.objects.filter(pk__gt=last).order_by("pk").values(*TICKET_FIELDS)[:batch])
        if not rows:
            break
        tally_rows = []
        for row in rows:
            facts = Facts.of_ticket(row)
            facts.add_to(tallies, live)
            tally_rows.append(TicketTally(ticket_id=row["pk"], **facts.as_dict()))
        TicketTally.objects.bulk_create(tally_rows, batch_size=1000)
        done, last = done + len(rows), rows[-1]["pk"]
        if progress:
            progress(done, total, time.monotonic() - started)
    _apply(tallies, live)
    return done
