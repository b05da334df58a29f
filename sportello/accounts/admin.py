from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import audit
from .admin_audit import AuditedFieldsAdmin
from .models import AuditEntry, User


@admin.register(User)
class UserAdmin(AuditedFieldsAdmin, BaseUserAdmin):
    audited_fields = {"role": audit.Kind.ROLE_CHANGED, "is_superuser": audit.Kind.ROLE_CHANGED}

    def audit_context(self, obj):
        return {"target": obj.email, "company": getattr(getattr(obj, "contact", None), "company", None)}
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal details"), {"fields": ["full_name", "language"]}),
        (_("Access"), {"fields": ["role", "is_active", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "role", "password1", "password2"]})]
    filter_horizontal = []


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: the audit trail is written by the product, never by hand."""

    list_display = ["created_at", "kind", "actor_label", "target", "company_name", "address"]
    list_filter = ["kind"]
    search_fields = ["actor_label", "target", "company_name"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
