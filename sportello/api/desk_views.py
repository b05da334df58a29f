"""/api/v1/ companies, contacts, request types, packages and ledger, phone."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets

from sportello.console.forms import AdjustmentForm, PurchaseForm
from sportello.customers import ledger
from sportello.customers.models import Company, CompanyPackage, Contact, LedgerEntry, PackageProduct
from sportello.phone.actions import request_callback, valid_contract
from sportello.phone.models import CallbackRequest, PhoneContract
from sportello.portal.phone import CallbackForm
from sportello.tickets.models import RequestType

from . import visibility
from .desk_serializers import (
    AdjustmentSerializer,
    CallbackCreateSerializer,
    CallbackSerializer,
    CompanySerializer,
    ContactSerializer,
    LedgerEntrySerializer,
    PackageProductSerializer,
    PackageSerializer,
    PhoneContractSerializer,
    PurchaseSerializer,
)
from .idempotency import run_once
from .models import Scope
from .params import ID_PATH, ID_SCHEMA, row_id
from .problems import Conflict
from .ticket_serializers import RequestTypeSerializer, checked_by

COMPANY_FILTER = [OpenApiParameter("company", ID_SCHEMA, description="Only this company's rows.")]


class ByCompany:
    """Lists of company-owned rows: the caller's companies, optionally one of them."""

    def get_queryset(self):
        rows = visibility.of_companies(self.queryset.all(), self.request)
        company = self.request.query_params.get("company")
        if company:
            rows = rows.filter(company_id=row_id("company", company))
        return rows

    def company_for_write(self, company_id):
        company = visibility.companies(self.request).filter(pk=company_id).first()
        if company is None:
            raise exceptions.ValidationError({"company": [_("No company has this id.")]})
        return company


class CompanyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CompanySerializer
    queryset = Company.objects.none()   # for the schema; get_queryset decides
    read_scope = write_scope = Scope.COMPANIES_READ
    lookup_value_regex = ID_PATH

    def get_queryset(self):
        return visibility.companies(self.request)


@extend_schema_view(list=extend_schema(parameters=COMPANY_FILTER))
class ContactViewSet(ByCompany, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ContactSerializer
    queryset = Contact.objects.select_related("user")
    read_scope = write_scope = Scope.COMPANIES_READ
    lookup_value_regex = ID_PATH

    def get_queryset(self):
        contacts = super().get_queryset()
        contact = getattr(self.request.user, "contact", None)
        if contact is not None and not contact.is_company_admin:   # as in the reserved area: colleagues are
            contacts = contacts.filter(pk=contact.pk)              # the administrator's business
        return contacts


class RequestTypeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = RequestTypeSerializer
    queryset = RequestType.objects.all()
    read_scope = write_scope = Scope.TICKETS_READ


class PackageProductViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PackageProductSerializer
    queryset = PackageProduct.objects.all()
    read_scope = write_scope = Scope.PACKAGES_READ


@extend_schema_view(list=extend_schema(parameters=COMPANY_FILTER))
class PackageViewSet(ByCompany, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Packages bought by companies; POST records a purchase (billing, scope packages:write)."""

    serializer_class = PackageSerializer
    queryset = CompanyPackage.objects.select_related("product")
    read_scope, write_scope = Scope.PACKAGES_READ, Scope.PACKAGES_WRITE
    lookup_value_regex = ID_PATH

    @extend_schema(request=PurchaseSerializer, responses={201: PackageSerializer})
    def create(self, request):
        data = PurchaseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        company = self.company_for_write(data.validated_data["company"])
        form = checked_by(PurchaseForm, data.validated_data)

        def record():
            package = ledger.record_purchase(company=company, by=request.user, **{
                name: form.cleaned_data[name] for name in ("product", "purchased_on", "valid_from", "notes")})
            return status.HTTP_201_CREATED, PackageSerializer(package).data

        return run_once(request, record)


@extend_schema_view(list=extend_schema(parameters=COMPANY_FILTER))
class LedgerViewSet(ByCompany, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every unit movement: purchases, tickets opened, refunds, expiries, adjustments."""

    serializer_class = LedgerEntrySerializer
    queryset = LedgerEntry.objects.select_related("ticket")
    read_scope, write_scope = Scope.PACKAGES_READ, Scope.PACKAGES_WRITE
    lookup_value_regex = ID_PATH

    @extend_schema(request=AdjustmentSerializer, responses={201: LedgerEntrySerializer})
    def create(self, request):
        """An adjustment of ± units, on a package or on the company credit."""
        data = AdjustmentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        company = self.company_for_write(data.validated_data["company"])
        form = checked_by(AdjustmentForm, data.validated_data, company=company)

        def adjust():
            try:
                entry = ledger.adjust_units(company=company, units=form.cleaned_data["units"],
                                            package=form.cleaned_data["package"], reason=form.cleaned_data["reason"],
                                            by=request.user)
            except ledger.LedgerRefused as refusal:
                raise Conflict(str(refusal.message)) from None
            return status.HTTP_201_CREATED, LedgerEntrySerializer(entry).data

        return run_once(request, adjust)


@extend_schema_view(list=extend_schema(parameters=COMPANY_FILTER))
class PhoneContractViewSet(ByCompany, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PhoneContractSerializer
    queryset = PhoneContract.objects.all()
    read_scope = write_scope = Scope.PHONE_READ
    lookup_value_regex = ID_PATH


@extend_schema_view(list=extend_schema(parameters=COMPANY_FILTER))
class CallbackViewSet(ByCompany, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CallbackSerializer
    queryset = CallbackRequest.objects.select_related("ticket")
    read_scope, write_scope = Scope.PHONE_READ, Scope.PHONE_WRITE
    lookup_value_regex = ID_PATH

    @extend_schema(request=CallbackCreateSerializer, responses={201: CallbackSerializer})
    def create(self, request):
        """Ask for a call-back: the company needs a phone contract valid today."""
        data = CallbackCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if visibility.acts_as_staff(request):
            company_id = data.validated_data.get("company") or visibility.only_company_id(request)
            if company_id is None:
                raise exceptions.ValidationError({"company": [_("Name the company to call back.")]})
            company, contact = self.company_for_write(company_id), None
        else:
            company, contact = request.user.contact.company, request.user
        form = checked_by(CallbackForm, data.validated_data)
        if valid_contract(company) is None:
            raise Conflict(_("%(company)s has no phone contract valid today.") % {"company": company.name})

        def record():
            callback = request_callback(company=company, contact=contact, source=CallbackRequest.Source.CONSOLE
                                        if contact is None else CallbackRequest.Source.PORTAL, **form.cleaned_data)
            return status.HTTP_201_CREATED, CallbackSerializer(callback).data

        return run_once(request, record)
