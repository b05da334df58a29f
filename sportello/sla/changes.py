from django.db import transaction


def deadlines_changed():
    """A calendar or policy changed: recompute open tickets in the worker, after commit."""
    from django.utils import timezone

    from .models import Calendar
    from .tasks import recompute_deadlines

    Calendar.objects.update(updated_at=timezone.now())   # every process reads the rules again
    transaction.on_commit(lambda: recompute_deadlines.enqueue())
