"""Prepaid ticket packages and their ledger.

Units are never a number edited in place: a balance is the sum of LedgerEntry rows,
which are only ever added. Constraints in the database keep the rules even if
code forgets them: one consumption and at most one refund per ticket, one expiry
per package.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PackageProduct(models.Model):
    """What the vendor sells, e.g. "Pacchetto 10 ticket"."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    units = models.PositiveIntegerField(_("tickets"))
    validity_months = models.PositiveSmallIntegerField(_("validity (months)"), default=12)
    price = models.DecimalField(_("price (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True,
                                help_text=_("For reference only."))
    is_active = models.BooleanField(_("on sale"), default=True)

    class Meta:
        verbose_name = _("package product")
        verbose_name_plural = _("package products")
        ordering = ["units", "name"]

    def __str__(self):
        return self.name


class CompanyPackageQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(valid_from__lte=day, valid_until__gte=day)

    def expired_on(self, day):
        return self.filter(valid_until__lt=day)


class CompanyPackage(models.Model):
    """One purchase of one company. Usable from valid_from to valid_until, both included."""

    company = models.ForeignKey("customers.Company", on_delete=models.PROTECT, related_name="packages",
                                verbose_name=_("company"))
    product = models.ForeignKey(PackageProduct, on_delete=models.PROTECT, related_name="+", verbose_name=_("product"))
    units = models.PositiveIntegerField(_("tickets"))
    purchased_on = models.DateField(_("purchase date"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = CompanyPackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("company package")
        verbose_name_plural = _("company packages")
        ordering = ["valid_until", "id"]
        indexes = [models.Index(fields=["company", "valid_until"], name="package_company_idx"),
                   models.Index(fields=["valid_until"], name="package_valid_until_idx")]
        constraints = [models.CheckConstraint(condition=Q(valid_until__gte=models.F("valid_from")),
                                              name="package_valid_range")]

    def __str__(self):
        return f"{self.product} ({self.valid_from:%d-%m-%Y} – {self.valid_until:%d-%m-%Y})"

    @staticmethod
    def end_of_validity(valid_from: date, months: int) -> date:
        return valid_from + relativedelta(months=months) - relativedelta(days=1)

    def is_valid_on(self, day):
        return self.valid_from <= day <= self.valid_until


class LedgerEntry(models.Model):
    """One movement of units. `package` is empty for company credit: units given back
    after their package expired, or granted by a supervisor, which do not expire."""

    class Kind(models.TextChoices):
        PURCHASE = "purchase", _("Purchase")
        CONSUME = "consume", _("Ticket opened")
        REFUND = "refund", _("Refund")
        EXPIRE = "expire", _("Expiry")
        ADJUST = "adjust", _("Adjustment")

    company = models.ForeignKey("customers.Company", on_delete=models.PROTECT, related_name="ledger",
                                verbose_name=_("company"))
    package = models.ForeignKey(CompanyPackage, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="entries", verbose_name=_("package"))
    kind = models.CharField(_("movement"), max_length=10, choices=Kind)
    units = models.IntegerField(_("tickets"))
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="ledger_entries", verbose_name=_("ticket"))
    reason = models.CharField(_("reason"), max_length=250, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["id"]
        indexes = [models.Index(fields=["company", "id"], name="ledger_company_idx"),
                   models.Index(fields=["company", "package", "units"], name="ledger_company_package_idx"),
                   models.Index(fields=["package", "units"], name="ledger_package_idx")]
        constraints = [
            models.UniqueConstraint(fields=["ticket"], condition=Q(kind="consume"), name="ledger_one_consumption"),
            models.UniqueConstraint(fields=["ticket"], condition=Q(kind__in=["refund", "adjust"], ticket__isnull=False),
                                    name="ledger_one_refund"),
            models.UniqueConstraint(fields=["package"], condition=Q(kind="expire"), name="ledger_one_expiry"),
            models.CheckConstraint(name="ledger_units_sign", condition=(
                Q(kind="purchase", units__gt=0) | Q(kind="consume", units=-1) | Q(kind="refund", units=1)
                | Q(kind="expire", units__lt=0) | (Q(kind="adjust") & ~Q(units=0)))),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.units:+d}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Ledger entries are never edited: add a new entry instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Ledger entries are never deleted.")


class PackagePolicy(models.Model):
    """The desk's package settings (one row, edited by supervisors)."""

    purchase_info = models.TextField(
        _("how to buy more tickets"), blank=True,
        help_text=_("Shown to customers who have no tickets left. Leave empty for the standard text."))
    sales_email = models.EmailField(_("sales e-mail"), blank=True)
    sales_phone = models.CharField(_("sales phone"), max_length=30, blank=True)
    low_balance_threshold = models.PositiveSmallIntegerField(
        _("low balance threshold"), default=2,
        help_text=_("Company administrators are told when the balance falls to this number or below."))
    expiry_notice_days = models.PositiveSmallIntegerField(
        _("expiry notice (days)"), default=30,
        help_text=_("Company administrators are told this many days before a package expires."))
    phone_tickets_use_units = models.BooleanField(
        _("phone tickets use package units"), default=False,
        help_text=_("Normally the phone contract covers phone tickets."))

    class Meta:
        verbose_name = _("package settings")
        verbose_name_plural = _("package settings")

    def __str__(self):
        return str(_("Package settings"))

    @classmethod
    def current(cls):
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class PackageReminder(models.Model):
    """An e-mail reminder already sent; the unique key makes each one go out once,
    however many workers run the job."""

    class Kind(models.TextChoices):
        LOW_BALANCE = "low_balance", _("Low balance")
        EXPIRING = "expiring", _("Package expiring")
        CONTRACT_EXPIRING = "contract_expiring", _("Contract expiring")

    company = models.ForeignKey("customers.Company", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind)
    # Low balance: the latest purchase it refers to (a new purchase re-arms it). Expiring: the package
    # (or the contract).
    key = models.BigIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["company", "kind", "key"], name="reminder_once")]
