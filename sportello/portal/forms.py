import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sportello.text import CleanTextForm
from sportello.tickets.actions import TicketFields
from sportello.tickets.models import RequestType, Ticket

PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()./-]{5,24}$")
PHONE_MESSAGE = _("Enter a phone number we can call, for example 02 1234 5678.")
DESCRIPTION_TOO_SHORT = _("Describe the problem in a few more words, so the technician can help you.")


def clean_phone(value):
    value = value.strip()
    if not PHONE_RE.match(value):
        raise forms.ValidationError(PHONE_MESSAGE, code="invalid_phone")
    return value


class NewTicketForm(CleanTextForm, forms.ModelForm):
    class Meta:
        model = Ticket
        fields = ["request_type", "requester_name", "callback_phone", "answer_email", "subject", "description"]
        labels = {
            "requester_name": _("Your name"),
            "callback_phone": _("Phone number to call you back"),
            "answer_email": _("E-mail address for the answer"),
            "description": _("Description of the problem"),
        }
        help_texts = {
            "answer_email": _("The technician's answer is sent to this address."),
            "description": _("One topic per ticket: if you write about several problems, "
                             "the technician answers only the first one."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "callback_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "requester_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_type"].queryset = RequestType.objects.filter(is_active=True)
        self.fields["request_type"].empty_label = _("Choose…")

    def _get_validation_exclusions(self):
        # The field found the type in its own queryset (the active ones): the model's check
        # of the foreign key would ask the database a second time, on every opening.
        return {*super()._get_validation_exclusions(), "request_type"}

    def clean_callback_phone(self):
        return clean_phone(self.cleaned_data["callback_phone"])

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text) < 10:
            raise forms.ValidationError(DESCRIPTION_TOO_SHORT, code="too_short")
        return text

    def ticket_fields(self):
        return TicketFields(**{name: self.cleaned_data[name] for name in self.Meta.fields})


class SharedTicketForm(NewTicketForm):
    """What the tickets of a split request share; each has its own subject and description."""

    class Meta(NewTicketForm.Meta):
        fields = ["request_type", "requester_name", "callback_phone", "answer_email"]


class ReplyForm(CleanTextForm, forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}), max_length=50000)

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write something before sending."), code="empty")
        return body


class StatusFilterForm(CleanTextForm, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Ticket.Status.choices])
