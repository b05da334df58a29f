"""Phone support in the reserved area: the assistance code, whether the line is
open now, and call-back requests (any time: outside hours they wait for an operator)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sportello.access import customer_area
from sportello.phone.actions import callbacks_for, request_callback, valid_contract
from sportello.phone.hours import line_status
from sportello.phone.models import PhoneContract
from sportello.text import CleanTextForm

from .forms import clean_phone


class CallbackForm(CleanTextForm, forms.Form):
    phone_number = forms.CharField(label=gettext_lazy("Number to call"), max_length=30,
                                   widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    contact_name = forms.CharField(label=gettext_lazy("Who to ask for"), max_length=150)
    topic = forms.CharField(label=gettext_lazy("What it is about"), max_length=300,
                            widget=forms.Textarea(attrs={"rows": 3}))
    preferred_windows = forms.CharField(label=gettext_lazy("Preferred times (optional)"), max_length=200,
                                        required=False,
                                        widget=forms.TextInput(attrs={"placeholder": gettext_lazy(
                                            "e.g. after 15:00, not on Fridays")}))

    def clean_phone_number(self):
        return clean_phone(self.cleaned_data["phone_number"])


@customer_area
def phone(request):
    contact = request.user.contact
    contract = valid_contract(contact.company)
    form = CallbackForm(request.POST or None, initial={"phone_number": contact.phone,
                                                       "contact_name": request.user.full_name})
    if request.method == "POST" and contract is not None and form.is_valid():
        callback = request_callback(company=contact.company, contact=request.user, source="portal", **form.cleaned_data)
        messages.success(request, _("Call-back request recorded: we will call %(number)s by %(due)s.") % {
            "number": callback.phone_number, "due": timezone.localtime(callback.due_at).strftime("%d-%m-%Y %H:%M")})
        return redirect("portal:phone")
    last = PhoneContract.objects.filter(company=contact.company).order_by("-valid_until").first()
    return render(request, "portal/phone.html", {
        "contract": contract, "expired": last if contract is None else None, "line": line_status(), "form": form,
        "callbacks": callbacks_for(request.user).order_by("-id")[:20]})
