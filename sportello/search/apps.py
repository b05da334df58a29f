from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "sportello.search"
    verbose_name = _("Search")

    def ready(self):
        post_migrate.connect(fill_empty_index, sender=self)


def fill_empty_index(sender, using="default", **kwargs):
    """After an upgrade that brought search, tickets that exist are indexed once (with
    today's models: a migration could not use them)."""
    from sportello.tickets.models import Ticket

    from .engines import engine
    from .index import rebuild

    if Ticket.objects.using(using).exists() and engine().is_empty():
        rebuild()
