from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "sportello.customers"
    verbose_name = _("Customers")

    def ready(self):
        post_migrate.connect(fill_empty_balances, sender=self)


def fill_empty_balances(sender, using="default", **kwargs):
    """After the upgrade that brought the ledger rollups, sum the ledger once."""
    from .models import LedgerEntry, UnitBalance
    from .unit_tallies import rebuild

    if LedgerEntry.objects.using(using).exists() and not UnitBalance.objects.using(using).exists():
        rebuild()
