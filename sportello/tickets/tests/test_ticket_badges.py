"""The status, deadline and last-activity cells of every ticket list are built in
Python (ticket_badges) for speed; they must read exactly as the templates they replaced,
in both languages, for every status and deadline state."""

from datetime import timedelta

import pytest
from django.template import engines
from django.utils import timezone, translation

from sportello.tickets.models import Ticket

# The templates as they were before the tags (includes/status.html, includes/sla_badge.html
# with its inclusion tag's context, and the console list's "last activity" cell).
BEFORE = {
    "status_badge": '<span class="badge badge-{{ ticket.status }}">{{ ticket.get_status_display }}</span>',
    "sla_badge": ('{% if state %}<span class="sla sla-{{ state }}"><time datetime="{{ ticket.response_due_at|date:\'c\' }}">'
                  '{{ ticket.response_due_at|date:"d-m-Y H:i" }}</time> <span class="sla-label">{{ label }}</span></span>'
                  '{% else %}<span class="muted">—</span>{% endif %}'),
    "last_activity": ('{% load i18n %}<time datetime="{{ ticket.updated_at|date:\'c\' }}" title="{% blocktranslate with '
                      'opened=ticket.created_at|date:\'d-m-Y H:i\' %}Opened {{ opened }}{% endblocktranslate %}">'
                      '{% blocktranslate with ago=ticket.updated_at|timesince %}{{ ago }} ago{% endblocktranslate %}</time>'),
}
LABELS = {"on_time": {"it": "In tempo", "en": "On time"}, "at_risk": {"it": "A rischio", "en": "At risk"},
          "missed": {"it": "In ritardo", "en": "Late"}}


def _render(source, **context):
    return engines["django"].from_string(source).render(context)


def _ticket(status, due_in, *, opened_ago=timedelta(days=3, hours=2)):
    now = timezone.now()
    # A summer deadline and a winter opening: the local offset differs (Europe/Rome).
    due = now + due_in if due_in is not None else Ticket._meta.get_field("response_due_at").default
    return Ticket(code="TK000123", status=status, subject="Stampa", created_at=now - opened_ago,
                  updated_at=now - timedelta(hours=3, minutes=10, seconds=20), response_due_at=due,
                  response_at_risk_at=(now + due_in - timedelta(hours=2)) if due_in is not None else due)


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("due_in", [None, timedelta(hours=5), timedelta(hours=1), timedelta(hours=-2),
                                    timedelta(days=200, minutes=7)])
@pytest.mark.parametrize("status", list(Ticket.Status))
def test_each_cell_reads_as_before(language, due_in, status):
    ticket = _ticket(status, due_in)
    with translation.override(language):
        state = ticket.sla_state()
        label = LABELS[state][language] if state else ""
        for tag, before in BEFORE.items():
            now = _render("{% load ticket_badges %}{% " + tag + " ticket %}", ticket=ticket)
            assert now == _render(before, ticket=ticket, state=state, label=label), tag


def test_the_cells_say_what_a_technician_reads():
    ticket = _ticket(Ticket.Status.NEW, timedelta(hours=1))
    ticket.response_due_at = timezone.make_aware(timezone.datetime(2026, 7, 1, 9, 5))
    ticket.response_at_risk_at = ticket.response_due_at - timedelta(hours=2)
    ticket.created_at = timezone.make_aware(timezone.datetime(2026, 1, 15, 17, 45))
    with translation.override("it"):
        html = _render("{% load ticket_badges %}{% status_badge ticket %}|{% sla_badge ticket %}|{% last_activity ticket %}",
                       ticket=ticket)
    status, deadline, activity = html.split("|")
    assert status == '<span class="badge badge-new">Nuovo</span>'
    assert '<time datetime="2026-07-01T09:05:00+02:00">01-07-2026 09:05</time>' in deadline
    assert 'title="Aperto il 15-01-2026 17:45"' in activity and "3\xa0ore, 10\xa0minuti fa" in activity
