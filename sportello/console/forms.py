from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from sportello.accounts.models import User
from sportello.customers.ledger import RefundReason, today
from sportello.customers.models import CompanyPackage, Contract, PackageProduct, SoftwareProduct
from sportello.portal.forms import ReplyForm
from sportello.sla.models import Calendar
from sportello.text import CleanTextForm
from sportello.tickets.models import RequestType, Ticket
from sportello.web.form_rendering import RequiredChoiceField


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


class ComposerForm(ReplyForm):
    """One box for both: a reply the customer receives, or a note only staff read."""

    REPLY, NOTE = "reply", "note"
    kind = forms.ChoiceField(label=_("Write"), choices=[(REPLY, _("Reply to the customer")), (NOTE, _("Internal note"))],
                             initial=REPLY, widget=forms.RadioSelect)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=50000,
                           help_text=_("A reply goes by e-mail to the ticket's answer address; a note is seen by "
                                       "staff only. Ctrl+Enter sends."))
    then_status = StaffReplyForm.base_fields["then_status"]
    seen = forms.DateTimeField(required=False, widget=forms.HiddenInput)   # when the page was loaded
    crossing_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FileRequestForm(CleanTextForm, forms.Form):
    description = forms.CharField(label=_("Which file, and why"), max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("The customer reads this in the e-mail and on the upload page."))


class NoteForm(ReplyForm):
    body = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=50000,
                           help_text=_("Only staff can see internal notes."))




class PropertiesForm(CleanTextForm, forms.Form):
    """The ticket's properties in one panel; only what changed is applied, each change
    through its own action (same rules, same history rows), all or nothing."""
    status = forms.ChoiceField(label=_("Status"))
    priority = forms.ChoiceField(label=_("Priority"), choices=Ticket.Priority.choices)
    request_type = RequiredChoiceField(label=_("Request type"), queryset=RequestType.objects.none())
    technician = forms.ModelChoiceField(
        label=_("Technician"), required=False, empty_label=_("Nobody yet"),
        queryset=User.objects.filter(is_active=True, role__in=[User.Role.TECHNICIAN, User.Role.SUPERVISOR]))

    def __init__(self, *args, ticket, user, **kwargs):
        super().__init__(*args, initial={"status": ticket.status, "priority": ticket.priority,
                                         "request_type": ticket.request_type_id, "technician": ticket.assignee_id},
                         **kwargs)
        # Any status is accepted here, so a forbidden move gets the transition table's own
        # message; the list offers only the allowed ones.
        self.fields["status"].choices = Ticket.Status.choices
        self.fields["status"].widget.choices = [(ticket.status, ticket.get_status_display())] + [
            (status.value, status.label) for status in ticket.allowed_next()]
        self.fields["request_type"].queryset = RequestType.objects.filter(
            models.Q(is_active=True) | models.Q(pk=ticket.request_type_id))
        if not user.is_supervisor:   # technicians take tickets; supervisors hand them over
            self.fields["technician"].disabled = True


class RefundForm(CleanTextForm, forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RefundReason.CHOICES)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class DateInput(forms.DateInput):
    """dd-mm-yyyy in a plain text box: a browser's date picker follows the browser's
    language, which would show US dates on an English browser."""

    def __init__(self, **kwargs):
        super().__init__(format="%d-%m-%Y", attrs={"placeholder": _("dd-mm-yyyy"), "inputmode": "numeric"},
                         **kwargs)


class PurchaseForm(CleanTextForm, forms.Form):
    product = forms.ModelChoiceField(label=_("Package"), queryset=PackageProduct.objects.filter(is_active=True),
                                     empty_label=_("Choose…"))
    purchased_on = forms.DateField(label=_("Purchase date"), widget=DateInput(), help_text=_("As dd-mm-yyyy."))
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput(),
                                 help_text=_("Empty: from the purchase date."))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=250,
                            help_text=_("For example the invoice number."))


class AdjustmentForm(CleanTextForm, forms.Form):
    units = forms.IntegerField(label=_("Tickets to add (negative to remove)"), min_value=-1000, max_value=1000)
    package = forms.ModelChoiceField(label=_("Package"), queryset=CompanyPackage.objects.none(), required=False,
                                     empty_label=_("Company credit (does not expire)"))
    reason = forms.CharField(label=_("Reason"), max_length=250)

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["package"].queryset = (CompanyPackage.objects.filter(company=company).valid_on(today())
                                           .select_related("product"))

    def clean_units(self):
        if self.cleaned_data["units"] == 0:
            raise forms.ValidationError(_("Enter a number other than zero."), code="zero")
        return self.cleaned_data["units"]


class ContractForm(CleanTextForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Contract.Kind.choices)
    product = forms.ModelChoiceField(label=_("Product"), queryset=SoftwareProduct.objects.all(),
                                     help_text=_("Products are added on the Releases page."))
    reference = forms.CharField(label=_("Contract number"), max_length=50, required=False)
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput(), help_text=_("As dd-mm-yyyy."))
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput(), help_text=_("As dd-mm-yyyy."))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=250)

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] < data["valid_from"]:
            self.add_error("valid_until", forms.ValidationError(_("The end comes before the start."), code="order"))
        return data


class CompanySearchForm(CleanTextForm, forms.Form):
    q = forms.CharField(label=_("Name, customer code or VAT number"), required=False, max_length=100)


class ClosingDaysForm(CleanTextForm, forms.Form):
    calendar = RequiredChoiceField(label=_("Calendar"), queryset=Calendar.objects.all())
    first_day = forms.DateField(label=_("From"), widget=DateInput())
    last_day = forms.DateField(label=_("To (included)"), widget=DateInput())
    description = forms.CharField(label=_("Description"), max_length=100,
                                  widget=forms.TextInput(attrs={"placeholder": _("e.g. summer closure")}))

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last:
            if last < first:
                self.add_error("last_day", _("The last day cannot come before the first."))
            elif (last - first).days > 60:
                self.add_error("last_day", _("At most 60 days at a time."))
        return data


class BulkForm(CleanTextForm, forms.Form):
    ACTIONS = [("take", _("Take them")), ("assign", _("Hand them to…")),
               ("status", _("Change status to…")), ("merge", _("Merge into the oldest"))]
    action = forms.ChoiceField(label=_("With the selected tickets"), choices=ACTIONS)
    technician = forms.ModelChoiceField(label=_("Technician"), required=False, queryset=User.objects.filter(
        is_active=True, role__in=[User.Role.TECHNICIAN, User.Role.SUPERVISOR]))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—")] + [
        choice for choice in Ticket.Status.choices if choice[0] != Ticket.Status.NEW])

    def clean(self):
        data = super().clean()
        if data.get("action") == "assign" and not data.get("technician"):
            self.add_error("technician", _("Choose the technician."))
        if data.get("action") == "status" and not data.get("status"):
            self.add_error("status", _("Choose the status."))
        return data
