"""Supervisors' security desk: accounts locked after failed logins, lost phones
(reset a person's two-step verification), and the audit trail."""

from datetime import datetime, time, timedelta

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.access import supervisors_only
from sportello.accounts import audit, two_factor
from sportello.accounts.lockouts import current_lockouts, lift_lockout
from sportello.accounts.models import AuditEntry, User
from sportello.customers.company_field import companies_named
from sportello.keyset import keyset_page
from sportello.text import CleanTextForm
from sportello.web import exports
from sportello.web.labels import labels

from .forms import DateInput
from .views import sidebar_counts


class ResetSecondFactorForm(CleanTextForm, forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the account"))


@supervisors_only
def security(request):
    return render(request, "console/security.html", {
        "lockouts": current_lockouts(), "reset_form": ResetSecondFactorForm(), "counts": sidebar_counts(request)})


@supervisors_only
@require_POST
def unlock(request):
    username = request.POST.get("username", "").strip().lower()
    if username and lift_lockout(username):
        audit.record(audit.Kind.UNLOCK, actor=request.user, target=username)
        messages.success(request, _("%(account)s can log in again.") % {"account": username})
    return redirect("console:security")


@supervisors_only
@require_POST
def reset_second_factor(request):
    form = ResetSecondFactorForm(request.POST)
    user = User.objects.filter(email=form.data.get("email", "").strip().lower()).first() if form.is_valid() else None
    if user is None or not user.two_factor_enabled:
        messages.error(request, _("No account with two-step verification has this address."))
        return redirect("console:security")
    two_factor.remove_second_factor(user=user, by=request.user)
    messages.success(request, _("Two-step verification of %(name)s has been reset and their sessions closed. "
                                "At the next login they will set it up again.") % {"name": user.full_name})
    return redirect("console:security")


class AuditFilterForm(CleanTextForm, forms.Form):
    person = forms.CharField(label=gettext_lazy("Person (e-mail)"), required=False, max_length=254)
    company = forms.CharField(label=gettext_lazy("Company"), required=False, max_length=100,
                              widget=forms.TextInput(attrs={"placeholder": gettext_lazy("name or customer code")}))
    kind = forms.ChoiceField(label=gettext_lazy("Event"), required=False,
                             choices=[("", gettext_lazy("All"))] + list(AuditEntry.Kind.choices))
    since = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput())
    until = forms.DateField(label=gettext_lazy("To (included)"), required=False, widget=DateInput())


def _filtered(entries, data):
    if data.get("person"):
        entries = entries.filter(actor_label__istartswith=data["person"].strip())
    if data.get("company"):
        entries = entries.filter(company_id__in=companies_named(data["company"]).values("pk"))
    if data.get("kind"):
        entries = entries.filter(kind=data["kind"])
    if data.get("since"):
        entries = entries.filter(created_at__gte=timezone.make_aware(datetime.combine(data["since"], time.min)))
    if data.get("until"):
        entries = entries.filter(created_at__lt=timezone.make_aware(
            datetime.combine(data["until"] + timedelta(days=1), time.min)))
    return entries


@supervisors_only
def audit_log(request):
    """The newest first, 50 a page (keyset), filtered by person, company, event and dates."""
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.select_related("actor")
    if form.is_valid():
        entries = _filtered(entries, form.cleaned_data)
    fmt = request.GET.get("format")
    if fmt in exports.FORMATS:
        audit.record(audit.Kind.EXPORT, actor=request.user, target="audit trail")
        kinds = labels(AuditEntry.Kind.choices)
        # Values, not entries: the trail grows with every login, and building an entry and its
        # actor for each row doubled the export's time (as for the ticket export, four times).
        rows = entries.order_by("-id").values_list("created_at", "kind", "actor_id", "actor__full_name", "actor_label",
                                                   "target", "company_name", "detail", "address")
        return exports.export(fmt, filename=f"registro-{timezone.localdate():%d-%m-%Y}", header=[
            _("When"), _("Event"), _("By"), _("Concerning"), _("Company"), _("Detail"), _("Address")], rows=(
            [created, kinds.get(kind, kind), actor_name if actor_id is not None else actor_label, target, company,
             detail, address or ""]
            for created, kind, actor_id, actor_name, actor_label, target, company, detail, address
            in rows.iterator(chunk_size=2000)))
    page = keyset_page(entries, request.GET, size=50)
    query = request.GET.copy()
    for key in ("after", "before", "format"):
        query.pop(key, None)
    return render(request, "console/audit_log.html", {"form": form, "page": page, "query": query.urlencode(),
                                                      "counts": sidebar_counts(request)})
