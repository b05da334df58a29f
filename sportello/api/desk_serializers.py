"""Companies, their people, packages and unit movements, phone contracts and call-backs."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sportello.customers.models import Company, CompanyPackage, Contact, LedgerEntry, PackageProduct
from sportello.phone.models import CallbackRequest, PhoneContract
from sportello.portal.forms import PHONE_MESSAGE, PHONE_RE

from .params import id_field


class CompanySerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "name", "vat_number", "customer_code", "is_active", "created_at"]


class ContactSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email")
    name = serializers.CharField(source="user.full_name")
    is_active = serializers.BooleanField(source="user.is_active")

    class Meta:
        model = Contact
        fields = ["id", "company", "email", "name", "phone", "is_company_admin", "is_active"]


class PackageProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = PackageProduct
        fields = ["id", "name", "units", "validity_months", "is_active"]


class PackageSerializer(serializers.ModelSerializer):
    product = serializers.CharField(source="product.name")

    class Meta:
        model = CompanyPackage
        fields = ["id", "company", "product", "units", "purchased_on", "valid_from", "valid_until", "notes",
                  "created_at"]


class PurchaseSerializer(serializers.Serializer):
    company = id_field()
    product = id_field(help_text=_("Id of a package product on sale (see /package-products/)."))
    purchased_on = serializers.DateField()
    valid_from = serializers.DateField(required=False, help_text=_("Empty: from the purchase date."))
    notes = serializers.CharField(required=False, allow_blank=True, max_length=250,
                                  help_text=_("For example the invoice number."))


class LedgerEntrySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=LedgerEntry.Kind.choices)
    ticket = serializers.CharField(source="ticket.code", allow_null=True, default=None)

    class Meta:
        model = LedgerEntry
        fields = ["id", "company", "package", "kind", "units", "ticket", "reason", "created_at"]


class AdjustmentSerializer(serializers.Serializer):
    company = id_field()
    units = serializers.IntegerField(min_value=-1000, max_value=1000)
    package = id_field(required=False, help_text=_("A valid package of the company; empty: the "
                                                                   "company credit, which does not expire."))
    reason = serializers.CharField(max_length=250)


class PhoneContractSerializer(serializers.ModelSerializer):
    class Meta:
        model = PhoneContract
        fields = ["id", "company", "assistance_code", "valid_from", "valid_until", "is_active", "created_at"]


class CallbackSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(choices=CallbackRequest.State.choices)
    source = serializers.ChoiceField(choices=CallbackRequest.Source.choices)
    ticket = serializers.CharField(source="ticket.code", allow_null=True, default=None)

    class Meta:
        model = CallbackRequest
        fields = ["id", "company", "contact_name", "phone_number", "topic", "preferred_windows", "source", "state",
                  "due_at", "next_attempt_at", "ticket", "created_at", "closed_at"]


class CallbackCreateSerializer(serializers.Serializer):
    company = id_field(required=False, help_text=_("Required for integration and staff tokens."))
    phone_number = serializers.RegexField(PHONE_RE.pattern, max_length=30, help_text=_("For example 02 1234 5678."),
                                            error_messages={"invalid": PHONE_MESSAGE})
    contact_name = serializers.CharField(max_length=150)
    topic = serializers.CharField(max_length=300)
    preferred_windows = serializers.CharField(max_length=200, required=False, allow_blank=True)
