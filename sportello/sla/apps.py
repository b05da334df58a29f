from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "sportello.sla"
    verbose_name = _("Service levels")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .calendars import touch_calendars
        from .models import ClosingDay, SlaPolicy, WorkingInterval

        for model in (WorkingInterval, ClosingDay, SlaPolicy):
            post_save.connect(touch_calendars, sender=model, dispatch_uid=f"touch-calendars-{model.__name__}")
            post_delete.connect(touch_calendars, sender=model, dispatch_uid=f"untouch-calendars-{model.__name__}")
