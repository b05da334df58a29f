from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "sportello.tickets"
    verbose_name = _("Tickets")

    def ready(self):
        from . import scanner_status  # noqa: F401  (registers the virus-scanner system check)
