
import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.access import customer_area
from sportello.accounts import audit
from sportello.customers import ledger
from sportello.customers.contracts import company_contracts
from sportello.customers.models import LedgerEntry, PackagePolicy
from sportello.keyset import keyset_page
from sportello.releases.publishing import updates_for
from sportello.reports import activity, queries
from sportello.reports.facts import contact_key
from sportello.tickets import derived
from sportello.tickets.actions import TicketClosed, TicketFields, open_ticket, reply_as_customer
from sportello.tickets.downloads import attachment_response
from sportello.tickets.files import placed_files
from sportello.tickets.links import linked_tickets
from sportello.tickets.models import Ticket
from sportello.tickets.topics import detect_topics
from sportello.tickets.uploads import checked_uploads, streamed_uploads
from sportello.web import exports
from sportello.web.labels import labels

from .forms import NewTicketForm, ReplyForm, SharedTicketForm, StatusFilterForm


def _visible(request):
    return Ticket.objects.visible_to(request.user)


def _status_counts(contact):
    """{status: tickets} of the list's tabs, as visible_to() sees them: the company's for an
    administrator, the contact's own otherwise, from the live rollups kept with every change
    (a grouped count would read the company's or the person's whole history)."""
    if contact.is_company_admin:
        return queries.live_of("company", contact.company_id)
    return queries.live_of("contact", contact_key(contact.company_id, contact.user_id))


@customer_area
def ticket_list(request):
    tickets = _visible(request)
    filters = StatusFilterForm(request.GET)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    counts = _status_counts(request.user.contact)
    if status:
        tickets = tickets.filter(status=status)
    page = keyset_page(tickets.select_related("request_type"), request.GET)
    return render(request, "portal/ticket_list.html", {
        "page": page, "filters": filters, "status": status,
        "counts": [(value, label, counts.get(value, 0)) for value, label in Ticket.Status.choices],
        "total": sum(counts.values()),
        "company": request.user.contact.company,
        "balance": ledger.available_units(request.user.contact.company),
        "updates": updates_for(request.user),
    })


@customer_area
@streamed_uploads
def new_ticket(request):
    contact = request.user.contact
    no_units = False
    topics = None
    if request.method == "POST":
        form = NewTicketForm(request.POST)
        uploads, refusals = checked_uploads(request, None)
        for refusal in refusals:
            form.add_error(None, refusal)
        if form.is_valid() and "split" in request.POST:
            return split_form(request, form)
        confirmed = bool(request.POST.get("one_topic_confirmed"))
        form_id = request.POST.get("suggest_form", "")[:40]
        warned = request.session.get("topic_warned", [])
        if form.is_valid() and not confirmed:
            report = detect_topics(form.cleaned_data["description"])
            if report.several:
                topics = report
                if not form_id or form_id not in warned:   # once per form, however often re-sent
                    activity.count_topic_warning(warned=1)
                    request.session["topic_warned"] = [*warned[-19:], form_id]
        if form.is_valid() and topics is None:
            try:
                with transaction.atomic():
                    ticket = open_ticket(company=contact.company, contact=request.user,
                                         fields=form.ticket_fields(), uploads=uploads)
                    if confirmed and form_id and form_id in warned:
                        activity.count_topic_warning(kept=1)
            except ledger.NoUnitsLeft:
                no_units = True
                form.add_error(None, _("Your company has no support tickets left, so the request was not sent. "
                                       "What you wrote is kept below: send it as soon as a new package is active."))
            else:
                messages.success(request, _("Ticket %(code)s has been opened. You will receive the answer by e-mail.")
                                 % {"code": ticket.code})
                return redirect("portal:ticket", code=ticket.code)
    else:
        form = NewTicketForm(initial={
            "requester_name": request.user.full_name,
            "callback_phone": contact.phone,
            "answer_email": request.user.email,
            # Links in the technician's "one topic per ticket" answer prefill the other topics.
            "subject": request.GET.get("subject", "")[:200],
            "description": request.GET.get("description", "")[:5000],
        })
    balance = ledger.available_units(contact.company)
    return render(request, "portal/new_ticket.html", {
        "form": form, "balance": balance, "no_units": no_units or balance == 0, "policy": PackagePolicy.current(),
        "topics": topics, "had_files": request.method == "POST" and bool(request.FILES),
        # One id per form being written: the deflection report counts forms, not keystrokes.
        "suggest_form": request.POST.get("suggest_form", "")[:40] or secrets.token_urlsafe(9)})


def split_form(request, form):
    """One subject and description per topic, prefilled; the other fields are shared."""
    parts = detect_topics(form.cleaned_data["description"]).parts
    subject = form.cleaned_data["subject"]
    rows = [{"subject": f"{subject} ({n}/{len(parts)})"[:200], "description": part}
            for n, part in enumerate(parts, start=1)]
    return render(request, "portal/split_ticket.html", {"form": form, "rows": rows,
                                                        "balance": ledger.available_units(request.user.contact.company)})


@customer_area
@require_POST
def new_tickets_split(request):
    """Open one ticket per topic, all or none (each uses its own unit)."""
    contact = request.user.contact
    form = SharedTicketForm(request.POST)
    subjects, descriptions = request.POST.getlist("topic_subject"), request.POST.getlist("topic_description")
    rows = [{"subject": s.strip()[:200], "description": d.strip()} for s, d in zip(subjects, descriptions, strict=False)]
    rows = [row for row in rows if row["subject"] or row["description"]]
    errors = []
    if not form.is_valid():
        errors.append(_("Some shared details are missing: go back and check the form."))
    if any(not row["subject"] or len(row["description"]) < 10 for row in rows) or not rows:
        errors.append(_("Every ticket needs a subject and a description of at least a few words."))
    if not errors:
        try:
            with transaction.atomic(), derived.written_once():
                tickets = [open_ticket(company=contact.company, contact=request.user, fields=TicketFields(
                    **{**{k: form.cleaned_data[k] for k in ("request_type", "requester_name", "callback_phone",
                                                             "answer_email")}, **row})) for row in rows]
                activity.count_topic_warning(split=1)
        except ledger.NoUnitsLeft:
            errors.append(_("Your company has not enough tickets left for all of them: nothing was sent."))
        else:
            messages.success(request, _("%(count)s tickets opened: %(codes)s.") % {
                "count": len(tickets), "codes": ", ".join(t.code for t in tickets)})
            return redirect("portal:tickets")
    return render(request, "portal/split_ticket.html", {"form": form, "rows": rows, "errors": errors,
                                                        "balance": ledger.available_units(contact.company)})


@customer_area
def ticket_detail(request, code, reply_form=None):
    ticket = get_object_or_404(_visible(request).select_related("request_type", "assignee", "company"), code=code)
    conversation = list(ticket.messages.filter(is_internal=False).select_related("author"))
    placed = placed_files(ticket)
    for message in conversation:
        message.files = placed.on_message[message.pk]
    return render(request, "portal/ticket_detail.html", {
        "ticket": ticket, "conversation": conversation, "reply_form": reply_form or ReplyForm(),
        "opening_attachments": [file for file in placed.opening if not file.quarantined],
        "open_requests": ticket.file_requests.filter(state="open").select_related("requested_by"),
        "sent_files": sorted((file for files in placed.on_request.values() for file in files), key=lambda f: f.pk),
        "links": linked_tickets(ticket, Ticket.objects.visible_to(request.user)),
        "answer_late": ticket.sla_state() == "missed",
    })


@customer_area
def download(request, pk):
    return attachment_response(request, pk, public_only=True)


@customer_area
@require_POST
@streamed_uploads
def ticket_reply(request, code):
    ticket = get_object_or_404(_visible(request), code=code)
    form = ReplyForm(request.POST)
    uploads, refusals = checked_uploads(request, ticket)
    for refusal in refusals:
        form.add_error(None, refusal)
    if not form.is_valid():
        return ticket_detail(request, code, reply_form=form)
    try:
        reply_as_customer(ticket=ticket, author=request.user, body=form.cleaned_data["body"], uploads=uploads)
    except TicketClosed:
        messages.error(request, _("This ticket is closed: open a new ticket to ask something else."))
        return ticket_detail(request, code, reply_form=form)
    messages.success(request, _("Your reply has been sent to the technician."))
    return redirect("portal:ticket", code=code)


@customer_area
def contracts(request):
    """Every contract of the company: ticket packages, phone assistance, maintenance and licences."""
    company = request.user.contact.company
    return render(request, "portal/contracts.html", {"company": company, "contracts": company_contracts(company)})


@customer_area
def packages(request):
    """The company's packages; administrators also see every movement."""
    contact = request.user.contact
    history = None
    if contact.is_company_admin:
        history = keyset_page(ledger.movements(contact.company), request.GET, size=50)
    return render(request, "portal/packages.html", {
        "balance": ledger.company_balance(contact.company), "history": history, "policy": PackagePolicy.current(),
        "company": contact.company,
    })


@customer_area
def packages_csv(request):
    """Every movement as CSV (semicolons and a BOM, so Italian Excel opens it as it is)."""
    contact = request.user.contact
    if not contact.is_company_admin:
        raise PermissionDenied
    entries = (LedgerEntry.objects.filter(company=contact.company).select_related("package__product", "ticket")
               .order_by("id").iterator(chunk_size=2000))
    audit.record(audit.Kind.EXPORT, actor=request.user, company=contact.company, target="package movements CSV")
    kinds = labels(LedgerEntry.Kind.choices)
    return exports.export("csv", filename=f"pacchetti-{contact.company.customer_code}-{timezone.localdate():%d-%m-%Y}",
                          header=[_("Date"), _("Movement"), _("Tickets"), _("Package"), _("Ticket"), _("Reason")],
                          rows=([e.created_at, kinds.get(e.kind, e.kind), e.units,
                                 e.package.product.name if e.package else _("Credit"), e.ticket.code if e.ticket else "",
                                 e.reason] for e in entries))

