import secrets

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sportello.accounts import audit

from .actions import regenerate_code
from .models import Call, CallbackRequest, PhoneContract, PhoneIntegration


@admin.register(PhoneContract)
class PhoneContractAdmin(admin.ModelAdmin):
    list_display = ["company", "assistance_code_shown", "valid_from", "valid_until", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["company__name", "assistance_code"]
    autocomplete_fields = ["company"]
    readonly_fields = ["assistance_code_shown"]
    actions = ["regenerate"]

    @admin.display(description=gettext_lazy("Assistance code"))
    def assistance_code_shown(self, contract):
        return contract.code_display

    @admin.action(description=gettext_lazy("Give a new assistance code (the old one stops working)"))
    def regenerate(self, request, queryset):
        for contract in queryset:
            regenerate_code(contract=contract)
        messages.success(request, _("New codes given."))


@admin.register(PhoneIntegration)
class PhoneIntegrationAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "created_at"]
    readonly_fields = ["created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            token = secrets.token_urlsafe(32)
            obj.token_hash = PhoneIntegration.hash(token)
            messages.warning(request, _("The integration's token, shown only now: %(token)s") % {"token": token})
        super().save_model(request, obj, form, change)
        if not change:
            audit.record(audit.Kind.TOKEN_CREATED, actor=request.user, target=obj.name, detail="phone system")
        elif "is_active" in form.changed_data:
            kind = audit.Kind.TOKEN_CREATED if obj.is_active else audit.Kind.TOKEN_REVOKED
            audit.record(kind, actor=request.user, target=obj.name, detail="phone system")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        audit.record(audit.Kind.TOKEN_REVOKED, actor=request.user, target=obj.name, detail="phone system, deleted")


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["created_at", "company", "caller_name", "topic", "technician", "outcome"]
    list_select_related = ["company", "technician"]


@admin.register(CallbackRequest)
class CallbackRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "company", "phone_number", "state", "due_at", "claimed_by"]
    list_filter = ["state", "source"]
    list_select_related = ["company", "claimed_by"]
    # Counted for the reports as they change (phone.actions): not edited by hand here.
    readonly_fields = ["state", "created_at", "closed_at"]
