from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "sportello.portal"
    verbose_name = _("Reserved area")
