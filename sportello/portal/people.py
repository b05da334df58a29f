"""The company's people, for its administrators: who has access to the reserved area,
invitations, administrators, colleagues who left. Anyone else gets a 404, and an
administrator reaches only their own company's contacts."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.access import customer_area
from sportello.customers import people as company_people
from sportello.customers.models import Contact
from sportello.text import CleanTextForm

from .forms import clean_phone


class InviteForm(CleanTextForm, forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Name and surname"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254,
                             help_text=gettext_lazy("The invitation, with a link to choose a password, goes here."))
    phone = forms.CharField(label=gettext_lazy("Phone (optional)"), max_length=30, required=False)
    make_admin = forms.BooleanField(label=gettext_lazy("Company administrator (sees every ticket of the company "
                                                       "and manages its people)"), required=False)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return clean_phone(phone) if phone else ""


def _admin_company(request):
    contact = request.user.contact
    if not contact.is_company_admin:
        raise Http404
    return contact.company


def _colleague(request, pk):
    return get_object_or_404(Contact.objects.select_related("user", "company"), pk=pk,
                             company=_admin_company(request))


@customer_area
def people(request):
    company = _admin_company(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            company_people.invite(company=company, by=request.user, email=data["email"], full_name=data["full_name"],
                                  phone=data["phone"], make_admin=data["make_admin"])
        except company_people.PeopleRefused as refusal:
            form.add_error("email", refusal.message)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
            return redirect("portal:people")
    contacts = (Contact.objects.filter(company=company).select_related("user")
                .order_by("-user__is_active", "user__full_name"))
    return render(request, "portal/people.html", {"contacts": contacts, "form": form, "company": company})


def _act(request, pk, change, done):
    colleague = _colleague(request, pk)
    try:
        change(colleague)
    except company_people.PeopleRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done % {"name": colleague.user.full_name})
    return redirect("portal:people")


@customer_area
@require_POST
def make_admin(request, pk):
    return _act(request, pk, lambda c: company_people.set_admin(contact=c, value=True, by=request.user),
                _("%(name)s is now a company administrator."))


@customer_area
@require_POST
def revoke_admin(request, pk):
    return _act(request, pk, lambda c: company_people.set_admin(contact=c, value=False, by=request.user),
                _("%(name)s is no longer a company administrator."))


@customer_area
@require_POST
def retire(request, pk):
    return _act(request, pk, lambda c: company_people.retire(contact=c, by=request.user),
                _("%(name)s can no longer log in. Their tickets stay in the company's list."))


@customer_area
@require_POST
def restore(request, pk):
    return _act(request, pk, lambda c: company_people.restore(contact=c, by=request.user),
                _("%(name)s can log in again."))


@customer_area
@require_POST
def invite_again(request, pk):
    return _act(request, pk, lambda c: company_people.invite_again(contact=c, by=request.user),
                _("A new invitation has been sent to %(name)s."))
