from django.apps import AppConfig
from django.db.models import Q
from django.db.models.signals import post_migrate, pre_delete
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "sportello.reports"
    verbose_name = _("Reports")

    def ready(self):
        from sportello.tickets.models import Ticket

        from .rollups import forget_deleted

        post_migrate.connect(fill_empty_rollups, sender=self)
        # Deletion is the one change no action function sees (admin, cascades): the
        # signal runs inside the deleting transaction, before the rows go.
        pre_delete.connect(forget_deleted, sender=Ticket, dispatch_uid="reports-forget-deleted")


def fill_empty_rollups(sender, using="default", **kwargs):
    """After the upgrade that brought rollups (or their histogram), count the tickets that
    exist once."""
    from sportello.tickets.models import Ticket

    from .models import MinutesHistogram, TicketTally
    from .rollups import fill_minutes, rebuild

    if Ticket.objects.using(using).exists() and not TicketTally.objects.using(using).exists():
        rebuild()
    elif (not MinutesHistogram.objects.using(using).exists()
          and TicketTally.objects.using(using).filter(
              Q(answered_day__isnull=False, answer_minutes__isnull=False)
              | Q(resolved_day__isnull=False, resolution_minutes__isnull=False)).exists()):
        fill_minutes()   # (a desk without measured times would otherwise rescan at every migrate)
