"""Resolved tickets like the one a technician is reading, to reuse an answer.

The ticket's words that say what it is about (subject first) are looked up one by one
in the index, among resolved and closed tickets, each capped at the PER_WORD most recent
matches: the number found is the word's rarity. A ticket scores the rarity of every word
it shares (BM25's inverse document frequency, estimated from the capped counts), so
"F24" and "ritenute" count, "stampa" hardly. Bounded work at any number of tickets:
one statement asking the index for WORDS lists of at most PER_WORD ids, then one query
for the tickets and one for their answers."""

import math
from collections import defaultdict

from sportello.accounts.models import User

from .documents import scope_terms
from .engines import engine
from .query import Query
from .text import content_stems

WORDS = 8
PER_WORD = 400
SHOWN = 5


def similar_tickets(ticket, tickets, *, shown=SHOWN):
    """[(ticket, its last answer from the desk)] for the resolved or closed tickets of the
    queryset `tickets` most like `ticket`, best first."""
    from sportello.tickets.models import Ticket

    done = [scope_terms(status=Ticket.Status.RESOLVED), scope_terms(status=Ticket.Status.CLOSED)]
    search = engine()
    words = content_stems(f"{ticket.subject}\n{ticket.description[:2000]}", most=WORDS)
    expressions = [search.expression(Query(text="", terms=[stems]), with_notes=False, scope=[done]) for stems in words]
    scores, own = defaultdict(float), ticket.pk
    for matches in search.matches_each(expressions, tickets, limit=PER_WORD) if expressions else []:
        found = [pk for pk in matches if pk != own]
        rarity = math.log(1 + PER_WORD / len(found)) if found else 0
        for pk in found:
            scores[pk] += rarity
    best = sorted(scores, key=lambda pk: (-scores[pk], -pk))[:shown]
    loaded = tickets.model.objects.select_related("company", "request_type").in_bulk(best)
    answers = _last_answers(best)
    return [(loaded[pk], answers.get(pk, "")) for pk in best if pk in loaded]


def _last_answers(ticket_ids):
    """The last public reply the desk wrote on each ticket."""
    from sportello.tickets.models import Message

    answers = {}
    for ticket_id, body in (Message.objects.filter(ticket_id__in=ticket_ids, is_internal=False,
                                                   author__role__in=[User.Role.TECHNICIAN, User.Role.SUPERVISOR])
                            .order_by("ticket_id", "-id").values_list("ticket_id", "body")):
        answers.setdefault(ticket_id, body)
    return answers
