from django.contrib import admin

from .changes import deadlines_changed
from .models import Calendar, ClosingDay, SlaPolicy, WorkingInterval


class RecomputesDeadlines:
    """Every change here moves open tickets' deadlines: recompute them."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        deadlines_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        deadlines_changed()


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
    list_display = ["__str__", "first_response_hours", "resolution_hours"]
