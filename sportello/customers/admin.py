from django.contrib import admin

from sportello.accounts import audit
from sportello.accounts.admin_audit import AuditedFieldsAdmin
from sportello.search import index as search_index

from .models import Company, CompanyPackage, Contact, LedgerEntry, PackagePolicy, PackageProduct


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    autocomplete_fields = ["user"]


def _contact_context(obj):
    if isinstance(obj, Contact):
        return {"target": obj.user.email, "company": obj.company}
    return {"target": str(obj), "company": obj}


@admin.register(Company)
class CompanyAdmin(AuditedFieldsAdmin, admin.ModelAdmin):
    inline_audited_fields = {"is_company_admin": audit.Kind.COMPANY_ADMIN_CHANGED}
    audit_context = staticmethod(_contact_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"name", "customer_code"} & set(form.changed_data):
            search_index.reindex_company(obj)   # its tickets are found by the new name
    list_display = ["name", "customer_code", "vat_number", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "customer_code", "vat_number"]
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(AuditedFieldsAdmin, admin.ModelAdmin):
    audited_fields = {"is_company_admin": audit.Kind.COMPANY_ADMIN_CHANGED}
    audit_context = staticmethod(_contact_context)
    list_display = ["user", "company", "phone", "is_company_admin"]
    list_filter = ["is_company_admin"]
    search_fields = ["user__email", "user__full_name", "company__name"]
    autocomplete_fields = ["user", "company"]
    list_select_related = ["user", "company"]


@admin.register(PackageProduct)
class PackageProductAdmin(admin.ModelAdmin):
    list_display = ["name", "units", "validity_months", "price", "is_active"]
    list_filter = ["is_active"]


@admin.register(CompanyPackage)
class CompanyPackageAdmin(admin.ModelAdmin):
    """Purchases are recorded from the console (which writes the ledger); here they are only read."""

    list_display = ["company", "product", "units", "purchased_on", "valid_from", "valid_until"]
    list_filter = ["product"]
    search_fields = ["company__name", "company__customer_code"]
    list_select_related = ["company", "product"]
    readonly_fields = ["company", "product", "units", "purchased_on", "valid_from", "valid_until", "recorded_by",
                       "created_at"]
    fields = readonly_fields + ["notes"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "company", "kind", "units", "package", "ticket", "reason", "actor"]
    list_filter = ["kind"]
    search_fields = ["company__name", "ticket__code"]
    list_select_related = ["company", "package__product", "ticket", "actor"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PackagePolicy)
class PackagePolicyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not PackagePolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
