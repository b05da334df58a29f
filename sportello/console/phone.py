"""The phone desk: who is calling (by assistance code or number), log the call, and
the call-back queue."""

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.access import staff_area
from sportello.accounts import audit
from sportello.accounts.models import User
from sportello.customers import ledger
from sportello.customers.models import Company
from sportello.phone import actions
from sportello.phone.models import Call, CallAttempt, CallbackRequest
from sportello.text import CleanTextForm
from sportello.tickets.actions import TicketFields
from sportello.tickets.models import RequestType, Ticket
from sportello.web import exports

from .views import sidebar_counts


class LookupForm(CleanTextForm, forms.Form):
    query = forms.CharField(label=gettext_lazy("Assistance code or caller's number"), max_length=40,
                            widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}))


class CallForm(CleanTextForm, forms.Form):
    contact = forms.ModelChoiceField(label=gettext_lazy("Contact"), queryset=User.objects.none(), required=False,
                                     empty_label=gettext_lazy("Someone else"))
    caller_name = forms.CharField(label=gettext_lazy("Caller"), max_length=150)
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=200)
    duration_minutes = forms.IntegerField(label=gettext_lazy("Duration (minutes)"), min_value=1, max_value=600)
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=Call.Outcome.choices)
    notes = forms.CharField(label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    ticket = forms.ModelChoiceField(label=gettext_lazy("Ticket"), queryset=Ticket.objects.none(), required=False,
                                    empty_label=gettext_lazy("Open a new phone ticket"))

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket"].queryset = Ticket.objects.filter(company=company).open().order_by("-id")
        self.fields["contact"].queryset = User.objects.filter(contact__company=company, is_active=True)


class AttemptForm(CleanTextForm, forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("How did it go?"), choices=CallAttempt.Outcome.choices)
    notes = forms.CharField(label=gettext_lazy("Notes"), required=False, max_length=500)
    ticket_code = forms.CharField(label=gettext_lazy("Link to ticket"), required=False, max_length=12,
                                  widget=forms.TextInput(attrs={"placeholder": "TK100001"}))
    open_ticket = forms.BooleanField(label=gettext_lazy("Open a ticket to follow up"), required=False)


def _card(company):
    """Everything the operator needs while the customer is on the line."""
    return {
        "company": company,
        "contract": actions.valid_contract(company),
        "last_contract": company.phone_contracts.order_by("-valid_until").first(),
        "contacts": company.contacts.select_related("user").order_by("user__full_name"),
        "tickets": Ticket.objects.filter(company=company).open().select_related("request_type").order_by("-id")[:5],
        "balance": ledger.available_units(company),
        "calls": company.calls.order_by("-id")[:5],
        "callbacks": company.callbacks.order_by("-id")[:5],
    }


@staff_area
def desk(request, company_pk=None, call_form=None):
    form = LookupForm(request.GET or None)
    context = {"form": form, "counts": sidebar_counts(request)}
    if company_pk:
        company = get_object_or_404(Company, pk=company_pk)
        context.update(_card(company), call_form=call_form or CallForm(company=company))
    elif form.is_valid():
        query = form.cleaned_data["query"]
        try:
            contract = actions.lookup_code(typed=query, technician=request.user)
        except actions.Throttled:
            messages.error(request, _("Too many wrong codes in a few minutes: wait a little before trying again."))
            return render(request, "console/phone_desk.html", context)
        if contract is not None:
            return redirect("console:phone_company", company_pk=contract.company_id)
        matches = actions.contacts_by_number(query)
        if len({c.company_id for c in matches}) == 1:
            return redirect("console:phone_company", company_pk=matches[0].company_id)
        context["matches"] = matches
        if not matches:
            messages.warning(request, _("No customer has this assistance code or number. Check it with the caller."))
    return render(request, "console/phone_desk.html", context)


@staff_area
@require_POST
def log_call(request, company_pk):
    company = get_object_or_404(Company, pk=company_pk)
    form = CallForm(request.POST, company=company)
    if not form.is_valid():
        return desk(request, company_pk=company_pk, call_form=form)
    data = form.cleaned_data
    fields = actions.CallFields(caller_name=data["caller_name"], topic=data["topic"],
                                duration_minutes=data["duration_minutes"], outcome=data["outcome"], notes=data["notes"])
    new_ticket = None
    if data["ticket"] is None:
        new_ticket = _phone_ticket_fields(company, data["contact"], data["caller_name"], data["topic"],
                                          data["notes"])
    call = actions.log_call(company=company, technician=request.user, fields=fields, ticket=data["ticket"],
                            contact=data["contact"], new_ticket_fields=new_ticket)
    messages.success(request, _("Call recorded on ticket %(code)s.") % {"code": call.ticket.code})
    return redirect("console:ticket", code=call.ticket.code)


def _phone_ticket_fields(company, user, caller, topic, notes, phone=""):
    """A ticket opened on the phone: the caller's contact details if they have an account."""
    contact = user.contact if user is not None else company.contacts.select_related("user").first()
    return TicketFields(
        request_type=RequestType.objects.filter(is_active=True).order_by("position").first(),
        requester_name=caller, callback_phone=phone or (contact.phone if contact else "") or "—",
        answer_email=(user or (contact.user if contact else None)).email if (user or contact) else "—",
        subject=topic[:200], description=notes or topic)


@staff_area
def callbacks(request, forms=None):
    if request.GET.get("format") in exports.FORMATS:
        return _export_callbacks(request, request.GET["format"])
    queue = CallbackRequest.objects.filter(state=CallbackRequest.State.WAITING).select_related("company")
    mine = CallbackRequest.objects.filter(state=CallbackRequest.State.CLAIMED, claimed_by=request.user).select_related(
        "company")
    if request.headers.get("HX-Request"):   # the page polls for the waiting list only
        return render(request, "console/_callback_table.html", {"queue": queue.order_by("next_attempt_at", "id")[:100]})
    return render(request, "console/callbacks.html", {
        "queue": queue.order_by("next_attempt_at", "id")[:100], "mine": mine.order_by("next_attempt_at"),
        "attempt_form": AttemptForm(), "counts": sidebar_counts(request)})


def _export_callbacks(request, fmt):
    """Every call-back request, newest first, with its outcome and how long the customer waited."""
    requests = (CallbackRequest.objects.select_related("company", "claimed_by", "ticket")
                .prefetch_related(Prefetch("attempts", queryset=CallAttempt.objects.order_by("id"))).order_by("-id"))

    def rows():
        for page in _chunks(requests, 1000):
            for c in page:
                attempts = list(c.attempts.all())
                last = attempts[-1].get_outcome_display() if attempts else ""
                waited = round((c.closed_at - c.created_at).total_seconds() / 60) if c.closed_at else ""
                yield [c.created_at, c.company.name, c.contact_name, c.phone_number, c.topic, c.get_source_display(),
                       c.get_state_display(), c.due_at, c.claimed_by.full_name if c.claimed_by else "", len(attempts),
                       last, c.closed_at, waited, c.ticket.code if c.ticket else ""]

    audit.record(audit.Kind.EXPORT, actor=request.user, target=f"call-backs {fmt}")
    return exports.export(fmt, filename=f"richiami-{timezone.localdate():%d-%m-%Y}", header=[
        _("Requested"), _("Company"), _("Who to ask for"), _("Number to call"), _("Topic"), _("Source"), _("State"),
        _("Call back by"), _("Technician"), _("Attempts"), _("Last outcome"), _("Closed"),
        _("Minutes to close"), _("Ticket")], rows=rows())


def _chunks(queryset, size):
    """Keyset pages of a queryset ordered by -id, so prefetching works and memory stays flat."""
    last = None
    while True:
        page = list((queryset.filter(pk__lt=last) if last else queryset)[:size])
        if not page:
            return
        yield page
        last = page[-1].pk


@staff_area
@require_POST
def claim_callback(request, pk):
    callback = get_object_or_404(CallbackRequest, pk=pk)
    result = actions.claim_callback(callback=callback, technician=request.user)
    if result.won:
        messages.success(request, _("Call %(number)s now.") % {"number": callback.phone_number})
    elif result.holder:
        messages.warning(request, _("Too late: %(name)s is already calling.") % {"name": result.holder.full_name})
    return redirect("console:callbacks")


@staff_area
@require_POST
def record_attempt(request, pk):
    callback = get_object_or_404(CallbackRequest, pk=pk, claimed_by=request.user)
    form = AttemptForm(request.POST)
    if not form.is_valid():
        return redirect("console:callbacks")
    data, ticket = form.cleaned_data, None
    if data["outcome"] == CallAttempt.Outcome.DONE and data["ticket_code"]:
        ticket = Ticket.objects.filter(company=callback.company, code=data["ticket_code"].strip().upper()).first()
        if ticket is None:
            messages.error(request, _("%(company)s has no ticket %(code)s.") % {
                "company": callback.company.name, "code": data["ticket_code"]})
            return redirect("console:callbacks")
    elif data["outcome"] == CallAttempt.Outcome.DONE and data["open_ticket"]:
        call = actions.log_call(
            company=callback.company, technician=request.user, contact=callback.contact,
            fields=actions.CallFields(caller_name=callback.contact_name or callback.phone_number,
                                      topic=callback.topic or _("Call-back"), duration_minutes=1,
                                      outcome=Call.Outcome.TICKET, notes=data["notes"]),
            new_ticket_fields=_phone_ticket_fields(callback.company, callback.contact,
                                                   callback.contact_name or callback.phone_number,
                                                   callback.topic or _("Call-back"), data["notes"],
                                                   phone=callback.phone_number))
        ticket = call.ticket
    actions.record_attempt(callback=callback, technician=request.user, outcome=data["outcome"], notes=data["notes"],
                           ticket=ticket)
    messages.success(request, _("Attempt recorded.") if ticket is None else
                     _("Call-back closed with ticket %(code)s.") % {"code": ticket.code})
    return redirect("console:callbacks")
