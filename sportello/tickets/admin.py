from django.contrib import admin

from . import derived
from .models import Event, Message, RequestType, Ticket, TopicSettings


@admin.register(RequestType)
class RequestTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    ordering = ["position", "name"]


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = ["created_at", "author", "is_internal", "body"]
    readonly_fields = fields
    can_delete = False


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["created_at", "kind", "actor", "old_value", "new_value"]
    readonly_fields = fields
    can_delete = False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-mostly: state changes belong to the console, where the rules are enforced."""

    list_display = ["code", "subject", "company", "request_type", "status", "assignee", "created_at"]
    list_filter = ["status", "channel", "request_type"]
    search_fields = ["=code", "subject"]
    list_select_related = ["company", "request_type", "assignee"]
    show_full_result_count = False
    readonly_fields = ["code", "company", "contact", "status", "assignee", "channel", "created_at", "updated_at",
                       "first_response_at", "resolved_at", "closed_at"]
    inlines = [MessageInline, EventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        derived.refresh(form.instance.pk)   # subject, description or messages edited here


@admin.register(TopicSettings)
class TopicSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not TopicSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
