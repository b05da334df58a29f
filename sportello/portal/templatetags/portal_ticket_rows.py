"""The rows of the reserved area's ticket list, built in Python: 25 rows of six cells,
each with its translated label for narrow screens, two dates through the date filter and
a URL. Values are escaped as the template escaped them (our own translations are not);
dates are local, as the date filter shows them.
"""

from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from sportello.tickets.templatetags.ticket_badges import status_badge
from sportello.web.url_tag import addresses

register = template.Library()


@register.simple_tag
def portal_ticket_rows(tickets):
    """One row per ticket (its request type loaded with it)."""
    link = addresses("portal:ticket")
    inserted, kind, subject = gettext("Inserted"), gettext("Request type"), gettext("Subject")
    status, updated = gettext("Status"), gettext("Last update")
    zone = timezone.get_current_timezone()
    rows = []
    for ticket in tickets:
        rows.append(
            "<tr>\n"
            f'    <td><a class="code" href="{link(ticket.code)}">'
            f"{escape(ticket.code)}</a></td>\n"
            f'    <td data-label="{inserted}" class="nowrap">{ticket.created_at.astimezone(zone):%d-%m-%Y}</td>\n'
            f'    <td data-label="{kind}">{escape(str(ticket.request_type))}</td>\n'
            f'    <td data-label="{subject}">{escape(ticket.subject)}</td>\n'
            f'    <td data-label="{status}">{status_badge(ticket)}</td>\n'
            f'    <td data-label="{updated}" class="nowrap">{ticket.updated_at.astimezone(zone):%d-%m-%Y %H:%M}</td>\n'
            "  </tr>\n  ")
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped above)
