"""The hits of a search, built in Python: 25 on a page, each with its ticket's code and
subject linked, status, where it stands and the passage that matched. As a template
(two URLs, a date filter and seven variables a hit) they took about a third of the page
outside the search itself (07-12-2026). Values are escaped as the template escaped them;
the snippet is already safe (search.results marks the words in escaped text).
"""

from html import escape

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from sportello.tickets.templatetags.ticket_badges import status_badge
from sportello.web.url_tag import addresses

register = template.Library()


@register.simple_tag
def search_hits(hits, ticket_url, show_company=False):
    """One list item per Hit; `ticket_url` names the ticket page (console or reserved
    area); `show_company` adds the company and the technician (for staff)."""
    link = addresses(ticket_url)
    updated = gettext("updated")
    zone = timezone.get_current_timezone()
    items = []
    for hit in hits:
        ticket = hit.ticket
        href = link(ticket.code)
        company = f"{escape(ticket.company.name)} · " if show_company else ""
        assignee = f" · {escape(ticket.assignee.full_name)}" if show_company and ticket.assignee else ""
        snippet = f'\n      <p class="snippet">{conditional_escape(hit.snippet)}</p>' if hit.snippet else ""
        items.append(
            '\n    <li class="search-hit card">\n'
            f'      <p class="hit-head"><a class="code" href="{href}">{escape(ticket.code)}</a>\n'
            f'        <a class="hit-subject" href="{href}">{escape(ticket.subject)}</a>\n'
            f"        {status_badge(ticket)}</p>\n"
            f'      <p class="muted hit-meta">{company}{escape(str(ticket.request_type))} · {updated} '
            f"{ticket.updated_at.astimezone(zone):%d-%m-%Y %H:%M}{assignee}</p>{snippet}\n"
            "    </li>\n    ")
    return mark_safe("".join(items))  # noqa: S308 (every value escaped above)
