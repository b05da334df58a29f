"""The dashboard's three tables, their rows built in Python as the lists' rows are (see
ticket_rows): the answers owed longest, the technicians and the packages to watch. As
templates their thirty-odd rows, with a URL, a date or a {% blocktranslate %} each, were
about a fifth of the page (07-12-2026). Values are escaped as the templates escaped them
(our own translations are not); dates are local, as the date filter shows them.
"""

from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from sportello.accounts.models import User
from sportello.tickets.templatetags.ticket_badges import sla_badge
from sportello.web.labels import labels
from sportello.web.url_tag import addresses

register = template.Library()
AVAILABILITY_BADGE = {"available": "badge-resolved", "break": "badge-open"}


@register.simple_tag
def oldest_rows(tickets):
    """The answers owed longest: code, company, technician, deadline."""
    link = addresses("console:ticket")
    rows = [f'<tr><td><a class="code" href="{link(ticket.code)}">'
            f"{escape(ticket.code)}</a></td><td>{escape(ticket.company.name)}</td>"
            f'<td>{escape((ticket.assignee.full_name if ticket.assignee else "") or "—")}</td>'
            f"<td>{sla_badge(ticket)}</td></tr>\n      " for ticket in tickets]
    return mark_safe("".join(rows) or f'<tr><td colspan="4">{gettext("No answer is owed.")}</td></tr>')  # noqa: S308


@register.simple_tag
def technician_rows(rows):
    """Each technician's open tickets and whether they are at the desk (dashboard._technicians)."""
    online, seen = gettext("online"), gettext("seen %(when)s")
    availability = labels(User.Availability.choices)
    zone = timezone.get_current_timezone()
    out = []
    for row in rows:
        person = row["person"]
        if row["at_desk"]:
            presence = f'<br><span class="muted">{online}</span>'
        elif person.last_seen_at:
            presence = f'<br><span class="muted">{seen % {"when": f"{person.last_seen_at.astimezone(zone):%d-%m-%Y %H:%M}"}}</span>'
        else:
            presence = ""
        out.append(
            f'<tr><th scope="row">{escape(person.full_name)}</th><td class="number">{row["open"]}</td>'
            f'<td class="number">{row["waiting"]}</td><td class="number">{row["total"]}</td>'
            f'<td><span class="badge {AVAILABILITY_BADGE.get(person.availability, "badge-muted")}">'
            f"{escape(availability.get(person.availability, person.availability))}</span>\n        {presence}</td></tr>")
    return mark_safe("".join(out))  # noqa: S308 (every value escaped above)


@register.simple_tag
def watch_rows(rows):
    """Companies with few tickets left or a package expiring (customers.watch.Watched)."""
    link = addresses("console:company")
    tickets, until = gettext("tickets"), gettext("until")
    out = []
    for row in rows:
        expiring = (f"{row.expiring.left} {tickets} · {until} {row.expiring.valid_until:%d-%m-%Y}"
                    if row.expiring else "—")
        out.append(
            f'<tr><td><a href="{link(row.company.pk)}">{escape(row.company.name)}</a></td>'
            f'<td class="number"><span class="units{" units-minus" if row.balance == 0 else ""}">{row.balance}</span></td>\n'
            f"      <td>{expiring}</td>\n"
            f'      <td>{f"{row.runs_out_on:%d-%m-%Y}" if row.runs_out_on else "—"}</td></tr>\n    ')
    empty = gettext("Every package customer has enough tickets.")
    return mark_safe("".join(out) or f'<tr><td colspan="4">{empty}</td></tr>')  # noqa: S308 (every value escaped above)
