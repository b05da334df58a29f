from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

LABELS = {"on_time": _("On time"), "at_risk": _("At risk"), "missed": _("Late")}


@register.inclusion_tag("includes/sla_badge.html")
def sla_badge(ticket):
    """The deadline and how it stands: on time, at risk (75% gone), late."""
    state = ticket.sla_state()
    return {"ticket": ticket, "state": state, "label": LABELS.get(state, "")}
