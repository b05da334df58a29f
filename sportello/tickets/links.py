"""Tickets that belong together: split from one another, or merged."""

from django.db.models import Q

from .models import TicketLink


def linked_tickets(ticket, visible):
    """Tickets split from or merged with this one, that the viewer may see. Most tickets
    have none: one narrow query says so; the linked tickets are read only when there are
    some (their code and subject, which is all the page shows)."""
    links = list(TicketLink.objects.filter(Q(source=ticket) | Q(target=ticket))
                 .order_by("pk").values_list("source_id", "target_id", "kind"))
    if not links:
        return []
    others = {target_id if source_id == ticket.pk else source_id for source_id, target_id, _kind in links}
    allowed = {other.pk: other for other in visible.filter(pk__in=others).only("code", "subject")}
    result = []
    for source_id, target_id, kind in links:
        outgoing = source_id == ticket.pk
        other = allowed.get(target_id if outgoing else source_id)
        if other is not None:
            result.append({"ticket": other, "kind": kind, "outgoing": outgoing})
    return result
