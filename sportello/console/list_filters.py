"""The filters and sort orders every console list shares (queue, my tickets, all
tickets, search results). Every state lives in the URL, so a list can be bookmarked,
shared, or saved as a view."""

import functools
from datetime import datetime, time, timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportello.accounts.models import User
from sportello.search.documents import UNASSIGNED
from sportello.text import CleanTextForm
from sportello.tickets.models import NO_DEADLINE, RequestType, Ticket

from .forms import DateInput

# Sort orders: (keyset field or None for the id, newest/latest first?)
SORTS = {"deadline": ("response_due_at", False), "updated": ("updated_at", True), "created": (None, True)}
FILTER_NAMES = ["status", "company", "request_type", "priority", "channel", "assignee", "deadline",
                "customer_replied", "created_from", "created_to", "sort"]


class ListFilterForm(CleanTextForm, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *Ticket.Status.choices])
    company = forms.CharField(label=_("Company"), required=False, max_length=100,
                              widget=forms.TextInput(attrs={"placeholder": _("name or customer code")}))
    request_type = forms.ModelChoiceField(label=_("Request type"), required=False, queryset=RequestType.objects.all(),
                                          empty_label=_("Any"))
    priority = forms.ChoiceField(label=_("Priority"), required=False, choices=[("", _("Any")), *Ticket.Priority.choices])
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", _("Any")), *Ticket.Channel.choices])
    assignee = forms.ChoiceField(label=_("Technician"), required=False, choices=lambda: _assignee_choices())
    deadline = forms.ChoiceField(label=_("Answer deadline"), required=False, choices=[
        ("", _("Any")), ("on_time", _("On time")), ("at_risk", _("At risk")), ("late", _("Late"))])
    customer_replied = forms.BooleanField(label=_("Customer replied since our last answer"), required=False)
    created_from = forms.DateField(label=_("Opened from"), required=False, widget=DateInput())
    created_to = forms.DateField(label=_("Opened until"), required=False, widget=DateInput())
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[
        ("deadline", _("Deadline")), ("updated", _("Last update")), ("created", _("Newest"))])

    def __init__(self, *args, default_sort="created", **kwargs):
        super().__init__(*args, **kwargs)
        self.default_sort = default_sort
        # Checking a chosen technician and drawing the list each iterate the choices: one read.
        self.fields["assignee"].choices = functools.cache(_assignee_choices)
        self.fields["sort"].initial = default_sort
        if self.is_bound and not self.data.get("sort"):
            self.data = self.data.copy()
            self.data["sort"] = default_sort   # shown as chosen; not counted as a filter

    @property
    def is_filtering(self):
        """Whether any filter (not only an order) is set: then the panel is shown open."""
        return bool(self.active_count)

    @property
    def active_count(self):
        if not self.is_valid():
            return 0
        return sum(1 for name, value in self.cleaned_data.items() if value not in ("", None, False) and name != "sort")

    def apply(self, tickets, *, user):
        """`tickets` filtered, and the (field, descending) its keyset pages walk."""
        if not self.is_valid():
            return tickets, SORTS[self.default_sort]
        data = self.cleaned_data
        for name in ("status", "priority", "channel"):
            if data[name]:
                tickets = tickets.filter(**{name: data[name]})
        if data["request_type"]:
            tickets = tickets.filter(request_type=data["request_type"])
        if data["company"]:
            from sportello.search import filters

            tickets = filters.apply(tickets, {"company": data["company"]})
        if data["assignee"] == "none":
            tickets = tickets.filter(assignee=None)
        elif data["assignee"] == "me":
            tickets = tickets.filter(assignee=user)
        elif data["assignee"]:
            tickets = tickets.filter(assignee_id=int(data["assignee"]))
        now = timezone.now()
        if data["deadline"] == "late":
            tickets = tickets.filter(response_due_at__lte=now)
        elif data["deadline"] == "at_risk":
            tickets = tickets.filter(response_at_risk_at__lte=now, response_due_at__gt=now)
        elif data["deadline"] == "on_time":
            tickets = tickets.filter(Q(response_at_risk_at__gt=now) & Q(response_due_at__lt=NO_DEADLINE))
        if data["customer_replied"]:
            tickets = tickets.filter(customer_waiting=True)
        if data["created_from"]:
            tickets = tickets.filter(created_at__gte=_start_of(data["created_from"]))
        if data["created_to"]:
            tickets = tickets.filter(created_at__lt=_start_of(data["created_to"] + timedelta(days=1)))
        return tickets, SORTS[data["sort"] or self.default_sort]

    def scope_groups(self, *, user):
        """The filters the search index can narrow by itself (see search.documents)."""
        if not self.is_valid():
            return []
        data, groups = self.cleaned_data, []
        if data["status"]:
            groups.append([f"s{data['status']}"])
        if data["assignee"] == "none":
            groups.append([UNASSIGNED])
        elif data["assignee"]:
            groups.append([f"a{user.pk if data['assignee'] == 'me' else int(data['assignee'])}"])
        return groups

    def query_string(self):
        """The filters as they are in the URL (no page cursor), to link or save them."""
        params = self.data.copy() if hasattr(self.data, "copy") else dict(self.data)
        for key in ("after", "before", "format"):
            params.pop(key, None)
        return params.urlencode() if hasattr(params, "urlencode") else ""


def _assignee_choices():
    """Read only when the field is shown or a technician is chosen: most lists need neither."""
    staff = User.objects.filter(is_active=True, role__in=[User.Role.TECHNICIAN, User.Role.SUPERVISOR])
    return [("", _("Anyone")), ("none", _("Nobody (unassigned)")), ("me", _("Me")),
            *[(str(pk), name) for pk, name in staff.values_list("pk", "full_name")]]


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))
