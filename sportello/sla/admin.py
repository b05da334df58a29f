from django.contrib import admin

from sportello.accounts import audit

from .changes import deadlines_changed
from .models import Calendar, ClosingDay, SlaPolicy, WorkingInterval


class RecomputesDeadlines:
    """Every change here moves open tickets' deadlines: recompute them, and keep it in
    the audit trail."""

    audit_kind = audit.Kind.CALENDAR_CHANGED

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        deadlines_changed()
        changed = form.changed_data + [f"{formset.prefix}" for formset in formsets if formset.has_changed()]
        if changed or not change:
            audit.record(self.audit_kind, actor=request.user, target=str(form.instance),
                         detail=("changed: " if change else "added: ") + ", ".join(changed))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        deadlines_changed()
        audit.record(self.audit_kind, actor=request.user, target=str(obj), detail="deleted")


class WorkingIntervalInline(admin.TabularInline):
    model = WorkingInterval
    extra = 0


class ClosingDayInline(admin.TabularInline):
    model = ClosingDay
    extra = 0


@admin.register(Calendar)
class CalendarAdmin(RecomputesDeadlines, admin.ModelAdmin):
    list_display = ["name", "key", "province"]
    inlines = [WorkingIntervalInline, ClosingDayInline]


@admin.register(SlaPolicy)
class SlaPolicyAdmin(RecomputesDeadlines, admin.ModelAdmin):
    audit_kind = audit.Kind.SERVICE_LEVEL_CHANGED
    list_display = ["__str__", "first_response_hours", "resolution_hours"]
