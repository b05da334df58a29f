from django import forms
from django.utils.translation import gettext_lazy as _

from sportello.accounts.models import User
from sportello.portal.forms import ReplyForm
from sportello.tickets.models import Ticket


class StaffReplyForm(ReplyForm):
    body = forms.CharField(label=_("Reply to the customer"), widget=forms.Textarea(attrs={"rows": 6}),
                           max_length=50000,
                           help_text=_("Sent by e-mail to the ticket's answer address."))
    then_status = forms.ChoiceField(
        label=_("After sending"), required=False,
        choices=[
            (Ticket.Status.WAITING, _("Wait for the customer (asking for information)")),
            (Ticket.Status.RESOLVED, _("Mark as resolved (this is the solution)")),
            ("", _("Keep in progress")),
        ],
    )


class NoteForm(ReplyForm):
    body = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=50000,
                           help_text=_("Only staff can see internal notes."))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Ticket.Status.choices)


class ReassignForm(forms.Form):
    technician = forms.ModelChoiceField(
        label=_("Technician"),
        queryset=User.objects.filter(is_active=True, role__in=[User.Role.TECHNICIAN, User.Role.SUPERVISOR]),
    )


class TicketFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Ticket.Status.choices])
    code = forms.CharField(label=_("Ticket code"), required=False, max_length=12,
                           widget=forms.TextInput(attrs={"placeholder": "TK100001"}))
