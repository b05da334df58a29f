from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    """Software releases and their downloads, offered to the companies whose
    maintenance or licence contract covers the product."""

    name = "sportello.releases"
    verbose_name = _("Releases")
