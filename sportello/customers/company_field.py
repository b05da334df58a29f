"""Choosing a company by typing its customer code or part of its name: a desk with
thousands of customers cannot put them all in a drop-down on every page."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Company

SHOWN_NAMES = 5


def companies_named(text, companies=None):
    """Companies whose customer code is `text` (any case) or whose name contains it."""
    text = (text or "").strip()
    companies = Company.objects.all() if companies is None else companies
    return companies.filter(Q(customer_code__iexact=text) | Q(name__icontains=text))


class CompanyField(forms.CharField):
    """One active company, named by its customer code or by a part of its name that only
    it has; otherwise a clear error naming the companies that match."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": gettext_lazy("customer code or name")}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.customer_code if isinstance(value, Company) else value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        active = Company.objects.filter(is_active=True)
        exact = active.filter(customer_code__iexact=text).first()
        if exact is not None:
            return exact
        found = list(companies_named(text, active).order_by("name")[:SHOWN_NAMES + 1])
        if not found:
            raise forms.ValidationError(_("No active company has this customer code or name."), code="none")
        if len(found) > 1:
            names = ", ".join(company.name for company in found[:SHOWN_NAMES])
            raise forms.ValidationError(
                _("Several companies match (%(names)s%(more)s): write the customer code.")
                % {"names": names, "more": "…" if len(found) > SHOWN_NAMES else ""}, code="several")
        return found[0]
