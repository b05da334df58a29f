from django.apps import AppConfig
from django.db.models import Q
from django.db.models.signals import post_migrate, pre_delete
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "sportello.reports"
    verbose_name = _("Reports")

    def ready(self):
        from sportello.phone.models import CallbackRequest
        from sportello.tickets.models import Ticket

        from . import callbacks
        from .rollups import forget_deleted

        post_migrate.connect(fill_empty_rollups, sender=self)
        # Deletion is the one change no action function sees (admin, cascades): the
        # signal runs inside the deleting transaction, before the rows go.
        pre_delete.connect(forget_deleted, sender=Ticket, dispatch_uid="reports-forget-deleted")
        pre_delete.connect(callbacks.forget_deleted, sender=CallbackRequest, dispatch_uid="reports-forget-callback")


def fill_empty_rollups(sender, using="default", **kwargs):
    """After the upgrade that brought rollups (or their histogram, or the call-backs'),
    count what exists once."""
    from sportello.phone.models import CallbackRequest
    from sportello.tickets.models import Ticket

    from . import callbacks
    from .models import CallbackTally, MinutesHistogram, TicketTally
    from .rollups import TICKET_MEASURES, fill_minutes, rebuild

    if CallbackRequest.objects.using(using).exists() and not CallbackTally.objects.using(using).exists():
        callbacks.rebuild()
    if Ticket.objects.using(using).exists() and not TicketTally.objects.using(using).exists():
        rebuild()
    elif (not MinutesHistogram.objects.using(using).filter(measure__in=TICKET_MEASURES).exists()
          and TicketTally.objects.using(using).filter(
              Q(answered_day__isnull=False, answer_minutes__isnull=False)
              | Q(resolved_day__isnull=False, resolution_minutes__isnull=False)).exists()):
        fill_minutes()   # (a desk without measured times would otherwise rescan at every migrate)
