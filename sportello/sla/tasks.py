from django.tasks import task

from .sweep import warn_due_tickets
from .tracking import refresh_open_tickets


@task
def sla_sweep():
    at_risk, missed = warn_due_tickets()
    return {"at_risk": at_risk, "missed": missed}


@task
def recompute_deadlines():
    """Enqueued after a calendar or policy change."""
    return {"tickets": refresh_open_tickets()}
