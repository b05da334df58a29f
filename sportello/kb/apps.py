from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    """The knowledge base: answers written once by staff, read by customers before a
    ticket (and a unit) is spent."""

    name = "sportello.kb"
    verbose_name = _("Knowledge base")
