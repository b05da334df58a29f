from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Deliveries: e-mails and webhook calls, written in the transaction that caused
    them and sent after commit by the worker, at most once, with retries. Every domain
    app may use it; it uses none of them."""

    name = "sportello.outbox"
    verbose_name = _("Deliveries")
