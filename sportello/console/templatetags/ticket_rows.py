"""The rows of the console's ticket lists (queue, my tickets, all tickets, saved views),
built in Python: the pages technicians live on, refreshed all day. As a template each
row took ten cells, two {% blocktranslate %} (0.05 ms each), one or two URLs and a CSRF
token; for 25 rows that was about half of the page (07-12-2026). The status, deadline
and last-activity cells are ticket_badges' own. Values are escaped as the template
escaped them (our own translations are not).
"""

from html import escape

from django import template
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from sportello.tickets.templatetags.ticket_badges import last_activity, sla_badge, status_badge
from sportello.web.url_tag import addresses

register = template.Library()


@register.simple_tag(takes_context=True)
def ticket_rows(context, tickets):
    """One row per ticket (company, request type and assignee loaded with it)."""
    link, claim = addresses("console:ticket"), addresses("console:claim")
    select, take, take_label = gettext("Select %(code)s"), gettext("Take %(code)s"), gettext("Take")
    token = escape(get_token(context["request"]))
    rows = []
    for ticket in tickets:
        code = escape(ticket.code)
        news = (f' <span class="badge badge-news">{escape(capfirst(ticket.get_news_display()))}</span>'
                if ticket.news else "")
        urgent = (f' <span class="badge badge-urgent">{escape(ticket.get_priority_display())}</span>'
                  if ticket.priority == "urgent" else "")
        assignee = (ticket.assignee.full_name if ticket.assignee else "") or "—"
        action = ""
        if ticket.status == "new" and not ticket.assignee_id:
            action = (f'<form method="post" action="{claim(ticket.code)}">'
                      f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
                      f'<button class="button button-small" type="submit" aria-label="{take % {"code": code}}">'
                      f"{take_label}</button></form>")
        rows.append(
            "<tr>\n"
            f'    <td class="select-col"><input type="checkbox" name="tickets" value="{code}" form="bulk-form" '
            f'aria-label="{select % {"code": code}}"></td>\n'
            f'    <td><a class="code" href="{link(ticket.code)}">{code}</a></td>\n'
            f'    <td>{escape(ticket.company.name)}<br><span class="muted">{escape(ticket.requester_name)}</span></td>\n'
            f"    <td>{escape(str(ticket.request_type))}</td>\n"
            f"    <td>{escape(ticket.subject)}{news}</td>\n"
            f"    <td>{status_badge(ticket)}{urgent}</td>\n"
            f"    <td>{escape(assignee)}</td>\n"
            f'    <td class="nowrap">{last_activity(ticket)}</td>\n'
            f"    <td>{sla_badge(ticket)}</td>\n"
            f"    <td>{action}</td>\n"
            "  </tr>\n  ")
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped above)
