"""Tickets that belong together: split from one another, or merged."""

from django.db.models import Q

from .models import TicketLink


def linked_tickets(ticket, visible):
    """Tickets split from or merged with this one, that the viewer may see (one query)."""
    links = TicketLink.objects.filter(Q(source=ticket) | Q(target=ticket)).select_related("source", "target")
    allowed = set(visible.filter(pk__in=[x for link in links for x in (link.source_id, link.target_id)])
                  .values_list("pk", flat=True))
    result = []
    for link in links:
        other = link.target if link.source_id == ticket.pk else link.source
        if other.pk in allowed:
            result.append({"ticket": other, "kind": link.kind, "outgoing": link.source_id == ticket.pk})
    return result
