from django.tasks import task

from .sweep import warn_due_callbacks


@task
def callback_sweep():
    at_risk, missed = warn_due_callbacks()
    return {"at_risk": at_risk, "missed": missed}
