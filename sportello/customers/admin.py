from django.contrib import admin

from .models import Company, Contact


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "customer_code", "vat_number", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "customer_code", "vat_number"]
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "phone", "is_company_admin"]
    list_filter = ["is_company_admin"]
    search_fields = ["user__email", "user__full_name", "company__name"]
    autocomplete_fields = ["user", "company"]
    list_select_related = ["user", "company"]
