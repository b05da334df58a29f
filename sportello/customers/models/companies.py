import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.eu import vat as eu_vat
from stdnum.it import iva as it_iva


def validate_vat_number(value):
    """Italian partita IVA (11 digits, optionally 'IT'-prefixed) or any EU VAT number."""
    compact = value.replace(" ", "").upper()
    if compact.isdigit() and it_iva.is_valid(compact):
        return
    if eu_vat.is_valid(compact):
        return
    raise ValidationError(_("“%(value)s” is not a valid VAT number."), params={"value": value}, code="invalid_vat")


class Company(models.Model):
    name = models.CharField(_("company name"), max_length=200)
    vat_number = models.CharField(_("VAT number"), max_length=20, unique=True, validators=[validate_vat_number])
    customer_code = models.CharField(_("customer code"), max_length=20, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    beta_releases = models.BooleanField(_("beta releases"), default=False,
                                        help_text=_("The company also receives beta releases of its products."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def reference(self):
        """How other systems are told which company (webhook events)."""
        return {"id": self.pk, "name": self.name, "customer_code": self.customer_code}


def phone_key(number):
    """The last eight digits of a phone number: +39, 0039, spaces and dashes make no
    difference, so a caller's number finds the contact however either was written."""
    digits = re.sub(r"\D", "", number or "")
    return digits[-8:] if len(digits) >= 6 else ""


class Contact(models.Model):
    """A customer user, belonging to exactly one company."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact",
                                verbose_name=_("user"))
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("company"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    phone_key = models.CharField(max_length=8, blank=True, db_index=True, editable=False)
    is_company_admin = models.BooleanField(
        _("company administrator"), default=False,
        help_text=_("Sees every ticket of the company and manages its contacts."),
    )
    release_news = models.BooleanField(_("new release e-mails"), default=False,
                                       help_text=_("An e-mail when a new release of the company's products is out."))

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.user} ({self.company})"

    def save(self, *args, **kwargs):
        self.phone_key = phone_key(self.phone)
        if kwargs.get("update_fields") is not None and "phone" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "phone_key"}
        super().save(*args, **kwargs)
