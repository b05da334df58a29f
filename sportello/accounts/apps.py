from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sportello.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import signals  # noqa: F401  (audit of logins, failures and lockouts)
