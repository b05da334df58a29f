"""Software maintenance and licence contracts: what, from when, until when."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EXPIRING_DAYS = 30


class ContractState(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring within 30 days")
    EXPIRED = "expired", _("Expired")
    SUSPENDED = "suspended", _("Suspended")
    NOT_STARTED = "future", _("Not started yet")


def state_between(valid_from, valid_until, day, suspended=False):
    """The state of anything valid between two days (contracts, packages, phone contracts)."""
    if suspended:
        return ContractState.SUSPENDED
    if day < valid_from:
        return ContractState.NOT_STARTED
    if day > valid_until:
        return ContractState.EXPIRED
    if valid_until - day <= timedelta(days=EXPIRING_DAYS):
        return ContractState.EXPIRING
    return ContractState.ACTIVE


class SoftwareProduct(models.Model):
    """A program the vendor sells under maintenance or licence contracts; its
    releases are offered to the companies whose contract covers it."""
    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("For example “Omnia Accounting”."))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("software product")
        verbose_name_plural = _("software products")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def named(cls, name):
        return cls.objects.get_or_create(name=name)[0]


class Contract(models.Model):
    class Kind(models.TextChoices):
        MAINTENANCE = "maintenance", _("Software maintenance")
        LICENCE = "licence", _("Licence")

    company = models.ForeignKey("customers.Company", on_delete=models.PROTECT, related_name="contracts",
                                verbose_name=_("company"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    product = models.ForeignKey(SoftwareProduct, on_delete=models.PROTECT, related_name="contracts",
                                verbose_name=_("product"))
    reference = models.CharField(_("contract number"), max_length=50, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    is_suspended = models.BooleanField(_("suspended"), default=False)
    notes = models.CharField(_("notes"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-valid_until", "-id"]
        indexes = [models.Index(fields=["company", "valid_until"], name="contract_company_idx"),
                   models.Index(fields=["product", "valid_until"], name="contract_product_idx"),
                   models.Index(fields=["valid_until"], name="contract_until_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.product} ({self.company})"

    def state(self, day):
        return state_between(self.valid_from, self.valid_until, day, self.is_suspended)
