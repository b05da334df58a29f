import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import codes


class PhoneContract(models.Model):
    """Phone support for a company, identified on the phone by its assistance code."""

    company = models.ForeignKey("customers.Company", on_delete=models.PROTECT, related_name="phone_contracts",
                                verbose_name=_("company"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    assistance_code = models.CharField(_("assistance code"), max_length=8, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("phone contract")
        verbose_name_plural = _("phone contracts")
        ordering = ["-valid_until"]

    def __str__(self):
        return f"{self.company} {self.code_display}"

    def save(self, *args, **kwargs):
        if not self.assistance_code:
            self.assistance_code = new_assistance_code()
        super().save(*args, **kwargs)

    @property
    def code_display(self):
        return codes.display(self.assistance_code)

    def is_valid_on(self, day):
        return self.is_active and self.valid_from <= day <= self.valid_until


def new_assistance_code():
    return codes.generate(taken=lambda code: PhoneContract.objects.filter(assistance_code=code).exists())


class PhoneIntegration(models.Model):
    """A phone system (IVR) allowed to record call-backs; only its token's hash is kept."""

    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("phone integration")
        verbose_name_plural = _("phone integrations")

    def __str__(self):
        return self.name

    @staticmethod
    def hash(token):
        return hashlib.sha256(token.encode()).hexdigest()


class CodeLookup(models.Model):
    """Every assistance-code look-up, by a technician or an integration: the audit
    trail, and what throttling counts."""

    technician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")
    integration = models.ForeignKey(PhoneIntegration, on_delete=models.CASCADE, null=True, related_name="+")
    typed = models.CharField(max_length=40)
    contract = models.ForeignKey(PhoneContract, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["technician", "created_at"], name="lookup_technician_idx"),
                   models.Index(fields=["integration", "created_at"], name="lookup_integration_idx")]


class Call(models.Model):
    class Outcome(models.TextChoices):
        SOLVED = "solved", _("Solved on the phone")
        TICKET = "ticket", _("Continues on a ticket")
        CALL_BACK = "call_back", _("To be called back")
        INFORMATION = "information", _("Information given")

    company = models.ForeignKey("customers.Company", on_delete=models.PROTECT, related_name="calls")
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("contact"))
    caller_name = models.CharField(_("caller"), max_length=150)
    technician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("topic"), max_length=200)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome)
    notes = models.TextField(_("notes"), blank=True)
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.SET_NULL, null=True, blank=True, related_name="calls")
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("phone call")
        verbose_name_plural = _("phone calls")
        ordering = ["-id"]
        indexes = [models.Index(fields=["company", "id"], name="call_company_idx")]


class CallbackRequest(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to be called")
        CLAIMED = "claimed", _("Being called")
        DONE = "done", _("Called back")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        PORTAL = "portal", _("Reserved area")
        PHONE_SYSTEM = "ivr", _("Phone system")
        CONSOLE = "console", _("Technician")

    company = models.ForeignKey("customers.Company", on_delete=models.PROTECT, related_name="callbacks")
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    contact_name = models.CharField(_("who to ask for"), max_length=150, blank=True)
    phone_number = models.CharField(_("number to call"), max_length=30)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    preferred_windows = models.CharField(_("preferred times"), max_length=200, blank=True)
    source = models.CharField(max_length=10, choices=Source, default=Source.PORTAL)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.WAITING)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("technician"))
    # When to try (next): now, a preferred time, or after a failed attempt.
    next_attempt_at = models.DateTimeField(_("call from"), default=timezone.now)
    due_at = models.DateTimeField(_("call back by"))
    at_risk_at = models.DateTimeField()
    warning_level = models.PositiveSmallIntegerField(default=0)
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="callbacks", verbose_name=_("ticket"))
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("call-back request")
        verbose_name_plural = _("call-back requests")
        ordering = ["next_attempt_at", "id"]
        indexes = [models.Index(fields=["state", "next_attempt_at", "id"], name="callback_queue_idx"),
                   models.Index(fields=["created_at"], name="callback_created_idx"),   # reports by period
                   models.Index(fields=["company", "id"], name="callback_company_idx"),
                   models.Index(fields=["warning_level", "at_risk_at"], name="callback_warning_idx"),
                   # The dashboard's "overdue": a range of waiting requests, not every request ever made.
                   models.Index(fields=["state", "due_at"], name="callback_due_idx")]

    def __str__(self):
        return f"{self.company} {self.phone_number}"

    def target_state(self, now=None):
        if self.state in (self.State.DONE, self.State.CANCELLED):
            return None
        now = now or timezone.now()
        return "missed" if now >= self.due_at else "at_risk" if now >= self.at_risk_at else "on_time"


class CallAttempt(models.Model):
    class Outcome(models.TextChoices):
        NO_ANSWER = "no_answer", _("No answer")
        BUSY = "busy", _("Busy")
        WRONG_NUMBER = "wrong_number", _("Wrong number")
        DONE = "done", _("Spoke with the customer")

    request = models.ForeignKey(CallbackRequest, on_delete=models.CASCADE, related_name="attempts")
    technician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["created_at"], name="attempt_created_idx")]   # reports by period
