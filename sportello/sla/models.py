from django.db import models
from django.utils.translation import gettext_lazy as _


class Calendar(models.Model):
    """Weekly opening hours plus closed days: the support office's, the phone line's."""

    OFFICE = "office"
    PHONE = "phone"

    key = models.SlugField(_("key"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.CharField(
        _("province for the patron saint's day"), max_length=2, blank=True,
        help_text=_("Two-letter code, e.g. MI adds 7 December. Empty: national holidays only."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar")
        verbose_name_plural = _("calendars")
        ordering = ["name"]

    def __str__(self):
        return self.name


class WorkingInterval(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="intervals")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("to"), help_text=_("00:00 means midnight at the end of the day."))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "starts"]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class ClosingDay(models.Model):
    """A day the office is closed besides the public holidays (e.g. the August week)."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="closing_days")
    day = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("closing day")
        verbose_name_plural = _("closing days")
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["calendar", "day"], name="closing_day_once")]

    def __str__(self):
        return f"{self.day:%d-%m-%Y} {self.description}"


class SlaPolicy(models.Model):
    """Targets in working hours for tickets of a request type and/or priority.
    Where several policies match a ticket, the strictest target applies."""

    request_type = models.ForeignKey("tickets.RequestType", on_delete=models.CASCADE, null=True, blank=True,
                                     verbose_name=_("request type"), help_text=_("Empty: any type."))
    priority = models.CharField(_("priority"), max_length=10, blank=True, help_text=_("Empty: any priority."),
                                choices=[("normal", _("Normal")), ("urgent", _("Urgent"))])
    first_response_hours = models.DecimalField(_("first response (working hours)"), max_digits=5, decimal_places=2)
    resolution_hours = models.DecimalField(_("resolution (working hours)"), max_digits=6, decimal_places=2,
                                           null=True, blank=True, help_text=_("Empty: no resolution target."))

    class Meta:
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")
        # One policy per (type, priority); "any type" is NULL, so it needs its own rule.
        constraints = [
            models.UniqueConstraint(fields=["request_type", "priority"], name="sla_policy_once",
                                    condition=models.Q(request_type__isnull=False)),
            models.UniqueConstraint(fields=["priority"], name="sla_policy_any_type_once",
                                    condition=models.Q(request_type__isnull=True)),
        ]

    def __str__(self):
        kind = str(self.request_type) if self.request_type else str(_("any type"))
        priority = self.get_priority_display() if self.priority else str(_("any priority"))
        return f"{kind} / {priority}"
