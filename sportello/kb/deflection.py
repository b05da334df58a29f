"""What the new-ticket form's suggestions achieve, counted for the deflection report:
forms that showed suggestions, suggested articles opened, and tickets not opened
because an article answered (no ticket, no unit: only a Deflection row). Every count
goes to the month's SuggestionTally row in the writer's transaction."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sportello.counters import add_to_counters

from .models import Article, Deflection, SuggestionTally


def _add(request_type_id, *, shown=0, opened=0, deflected=0):
    month = timezone.localdate().replace(day=1)
    add_to_counters(SuggestionTally._meta.db_table, ("month", "request_type_id"), SuggestionTally.COUNTERS,
                    [(month, request_type_id or 0, shown, opened, deflected)])


def suggestions_shown(request_type_id):
    """A new-ticket form showed suggestions (counted once per form by the caller)."""
    _add(request_type_id, shown=1)


def suggestion_opened(request_type_id):
    _add(request_type_id, opened=1)


def deflected(*, article, request_type, contact, subject):
    """The customer read `article` and chose not to open the ticket."""
    with transaction.atomic():
        row = Deflection.objects.create(article=article, request_type=request_type, company=contact.contact.company,
                                        contact=contact, subject=subject[:200])
        _add(request_type.pk if request_type else 0, deflected=1)
        Article.objects.filter(pk=article.pk).update(tickets_avoided=F("tickets_avoided") + 1)
    return row
