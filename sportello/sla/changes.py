from django.db import transaction


def deadlines_changed():
    """A calendar or policy changed: recompute open tickets in the worker, after commit."""
    from .tasks import recompute_deadlines

    transaction.on_commit(lambda: recompute_deadlines.enqueue())
