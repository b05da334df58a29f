from django.contrib import admin

from .models import OutboundMail


@admin.register(OutboundMail)
class OutboundMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "state", "attempts", "created_at", "sent_at", "next_attempt_at"]
    list_filter = ["state", "template"]
    search_fields = ["subject", "message_id"]
    readonly_fields = [f.name for f in OutboundMail._meta.fields]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False
