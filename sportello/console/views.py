from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.access import staff_area
from sportello.accounts import audit
from sportello.accounts.models import User
from sportello.customers import ledger
from sportello.customers.models import LedgerEntry
from sportello.keyset import keyset_page
from sportello.mail.models import InboundMail
from sportello.single_statement import counted, in_one_statement, summed
from sportello.tickets import actions, assignment, canned, topic_actions
from sportello.tickets import presence as ticket_presence
from sportello.tickets.downloads import attachment_response
from sportello.tickets.files import placed_files
from sportello.tickets.links import linked_tickets
from sportello.tickets.models import NO_DEADLINE, Event, InvalidTransition, Ticket
from sportello.tickets.uploads import checked_uploads, streamed_uploads
from sportello.web import exports
from sportello.web.labels import labels

from .counting import bounded
from .forms import (
    BulkForm,
    ComposerForm,
    FileRequestForm,
    PropertiesForm,
    RefundForm,
)
from .list_filters import ListFilterForm
from .saved_views import Navigation
from .topics import MergeForm, OneTopicForm, SplitForm, merge, topic_forms

LIST_RELATED = ["company", "request_type", "assignee"]


def _tickets(request):
    return Ticket.objects.visible_to(request.user)


def _list(request, template, tickets, *, title, default_sort, extra=None):
    """A ticket list page with the shared filters and sort orders (all in the URL);
    htmx polls ask only for the table."""
    filters = ListFilterForm(request.GET, default_sort=default_sort)
    tickets, (field, descending) = filters.apply(tickets, user=request.user)
    if request.GET.get("format") in exports.FORMATS:
        return _export_tickets(request, tickets, field, descending, title=title)
    page = keyset_page(tickets.select_related(*LIST_RELATED), request.GET, descending=descending, field=field)
    context = {"page": page, "title": title, "filters": filters, "query": filters.query_string(), "bulk_form": BulkForm(),
               "availabilities": User.Availability.choices,
               "list_path": request.path, **(extra or {})}
    if request.headers.get("HX-Request"):
        return render(request, "console/_ticket_table.html", context)
    return render(request, template, context)


EXPORT_COLUMNS = [gettext_lazy("Code"), gettext_lazy("Inserted"), gettext_lazy("Company"), gettext_lazy("Customer code"),
                  gettext_lazy("Subject"), gettext_lazy("Request type"), gettext_lazy("Channel"), gettext_lazy("Status"),
                  gettext_lazy("Priority"), gettext_lazy("Technician"), gettext_lazy("Response due"),
                  gettext_lazy("First response"), gettext_lazy("First response on time"), gettext_lazy("Last update")]


EXPORT_FIELDS = ["code", "created_at", "company__name", "company__customer_code", "subject", "request_type__name",
                 "channel", "status", "priority", "assignee__full_name", "response_due_at", "first_response_at",
                 "first_response_met", "updated_at"]


def _export_tickets(request, tickets, field, descending, *, title):
    """Every ticket of the list, in its order, as CSV (streamed) or XLSX."""
    fmt = request.GET["format"]
    if fmt == "xlsx" and tickets.order_by().values("pk")[:exports.XLSX_MAX_ROWS + 1].count() > exports.XLSX_MAX_ROWS:
        messages.warning(request, _("More than %(n)s tickets: too many for Excel. Download the CSV, or narrow the "
                                    "filters.") % {"n": f"{exports.XLSX_MAX_ROWS:,}".replace(",", ".")})
        query = request.GET.copy()
        query.pop("format")
        return redirect(f"{request.path}?{query.urlencode()}")
    columns = [field, "id"] if field else ["id"]   # no field: by id, i.e. by creation
    order = [f"-{c}" for c in columns] if descending else columns
    # Values, not tickets: building four model instances a row was two thirds of an export's time.
    rows = tickets.order_by(*order).values_list(*EXPORT_FIELDS).iterator(chunk_size=2000)
    answered = {True: _("yes"), False: _("no")}
    channels, statuses = labels(Ticket.Channel.choices), labels(Ticket.Status.choices)
    priorities = labels(Ticket.Priority.choices)

    def lines():
        for (code, created, company, customer_code, subject, request_type, channel, status, priority, assignee,
             due, first_response, met, updated) in rows:
            yield [code, created, company, customer_code, subject, request_type, channels.get(channel, channel),
                   statuses.get(status, status), priorities.get(priority, priority), assignee or "",
                   due if due < NO_DEADLINE else None, first_response, answered.get(met, ""), updated]

    audit.record(audit.Kind.EXPORT, actor=request.user, target=f"tickets {request.GET.urlencode()}"[:200])
    return exports.export(fmt, filename=f"ticket-{timezone.localdate():%d-%m-%Y}", header=EXPORT_COLUMNS,
                          rows=lines())


# Navigation badges count at most this many: past it "999+" says enough, and
# counting stays cheap however long a queue grows.
BADGE_LIMIT = 999


def sidebar_counts(request, also=None):
    """Numbers for the navigation: the queue and my tickets from the live rollup (one row
    per status, kept with the tickets: the queue of a big desk holds tens of thousands),
    bounded counts of the customers waiting for a call, the mail to sort and each saved
    view (index ranges, all in one statement; a saved search for words is counted by the
    search engine). `also`: the page's own figures ({name: counted(…) or summed(…)}), read
    in the same statement and returned as they are."""
    from sportello.phone.models import CallbackRequest
    from sportello.reports.models import LiveTally, Tally

    by_technician = LiveTally.objects.filter(dimension=Tally.Dimension.TECHNICIAN)
    views = Navigation(request.user)
    found = in_one_statement({
        "callbacks_count": counted(CallbackRequest.objects.filter(state=CallbackRequest.State.WAITING), BADGE_LIMIT),
        "triage_count": counted(InboundMail.objects.filter(outcome=InboundMail.Outcome.TRIAGE), BADGE_LIMIT),
        "queue_count": summed(by_technician.filter(key="0", status=Ticket.Status.NEW), "count"),   # "0": nobody
        "mine_count": summed(by_technician.filter(key=str(request.user.pk)).exclude(
            status__in=[Ticket.Status.RESOLVED, Ticket.Status.CLOSED]), "count"),   # what is_live counts
        **views.parts, **(also or {})})
    badges = {name: bounded(found.pop(name), BADGE_LIMIT)
              for name in ("callbacks_count", "triage_count", "queue_count", "mine_count")}
    rows = views.rows(found)   # takes the views' counts out of `found`
    return {**badges, **found, "views": rows}


@staff_area
def queue(request):
    return _list(request, "console/queue.html", _tickets(request).queue(), title=_("Queue"), default_sort="deadline",
                 extra={"counts": sidebar_counts(request), "refresh": True, "list_name": "queue"})


@staff_area
def my_tickets(request):
    tickets = _tickets(request).filter(assignee=request.user).open()
    return _list(request, "console/queue.html", tickets, title=_("My tickets"), default_sort="deadline",
                 extra={"counts": sidebar_counts(request), "refresh": True, "list_name": "mine"})


@staff_area
def all_tickets(request):
    return _list(request, "console/queue.html", _tickets(request), title=_("All tickets"), default_sort="created",
                 extra={"counts": sidebar_counts(request), "list_name": "all"})


@staff_area
def ticket_detail(request, code, forms=None):
    ticket = get_object_or_404(_tickets(request).select_related(*LIST_RELATED, "contact"), code=code)
    actions.mark_seen(ticket=ticket, by=request.user)
    forms = forms or {}
    history = list(ticket.events.select_related("actor"))
    file_requests = list(ticket.file_requests.select_related("requested_by"))
    messages_ = _with_originals(ticket, ticket.messages.select_related("author"))
    opening_files = _place_files(ticket, messages_, file_requests)
    return render(request, "console/ticket_detail.html", {
        "ticket": ticket,
        "timeline": _timeline(messages_, history, file_requests),
        "opening_attachments": opening_files,
        "history": history,
        "composer": forms.get("composer") or ComposerForm(initial={"seen": ticket.updated_at}),
        "properties_form": forms.get("properties") or PropertiesForm(ticket=ticket, user=request.user),
        "refund_form": forms.get("refund") or RefundForm(),
        "file_request_form": forms.get("file_request") or FileRequestForm(),
        "file_requests": file_requests,
        "units": {entry.kind: entry for entry in LedgerEntry.objects.filter(ticket=ticket)
                  .select_related("package__product")},
        "balance": ledger.available_units(ticket.company),
        "links": linked_tickets(ticket, _tickets(request)),
        "canned": [{"id": answer.pk, "title": answer.title, "preview": answer.body_it[:90]}
                   for answer in canned.available_to(request.user).only("title", "body_it")[:canned.MAX_LISTED]],
        **topic_forms(ticket, forms),
        "counts": sidebar_counts(request),
    })


@staff_area
@require_POST
def claim(request, code):
    ticket = get_object_or_404(_tickets(request), code=code)
    result = actions.claim_ticket(ticket=ticket, technician=request.user)
    if result.won:
        messages.success(request, _("You have taken ticket %(code)s.") % {"code": code})
    elif result.holder == request.user:
        messages.info(request, _("You already hold this ticket."))
    elif result.holder:
        messages.warning(request, _("Too late: %(name)s has already taken ticket %(code)s.")
                         % {"name": result.holder.full_name, "code": code})
    else:
        messages.warning(request, _("This ticket can no longer be taken."))
    return redirect("console:ticket", code=code)


# "Prossimo ticket" tries this many tickets at the head of the queue: each one it loses
# was taken by a colleague a moment earlier.
NEXT_ATTEMPTS = 10


@staff_area
@require_POST
def take_next(request):
    """Take the first ticket of the queue, in the queue's own order, and open it."""
    for ticket in _tickets(request).queue().order_by("response_due_at", "id")[:NEXT_ATTEMPTS]:
        if actions.claim_ticket(ticket=ticket, technician=request.user).won:
            messages.success(request, _("You have taken ticket %(code)s.") % {"code": ticket.code})
            return redirect("console:ticket", code=ticket.code)
    messages.info(request, _("The queue is empty: no ticket is waiting to be taken."))
    return redirect("console:queue")


def _post_form(request, code, form_class, key, act, success, refusals=(), data=None):
    """Validate a ticket-page form and run its action; on error show the page again with what was typed."""
    ticket = get_object_or_404(_tickets(request), code=code)
    form = form_class(request.POST if data is None else data)
    for refusal in refusals:
        form.add_error(None, refusal)
    if form.is_valid():
        try:
            result = act(ticket, form.cleaned_data)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        except actions.TicketClosed:
            form.add_error(None, _("The ticket is closed: nothing more can be added."))
        except (ledger.LedgerRefused, topic_actions.SplitRefused) as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("console:ticket", code=code)
    return ticket_detail(request, code, forms={key: form})


def _uploads(request, code):
    return checked_uploads(request, get_object_or_404(_tickets(request), code=code))


@staff_area
@require_POST
@streamed_uploads
def compose(request, code):
    """The composer: a reply or an internal note, from one box."""
    return _compose(request, code)


@staff_area
@require_POST
@streamed_uploads
def reply(request, code):
    """A reply posted by a script or an older page: the composer's rules."""
    return _compose(request, code, kind=ComposerForm.REPLY)


@staff_area
@require_POST
@streamed_uploads
def note(request, code):
    return _compose(request, code, kind=ComposerForm.NOTE)


def _compose(request, code, kind=None):
    """A ticket that changed since the page was loaded (a colleague wrote, the customer
    answered) asks to confirm before the message crosses them."""
    uploads, refusals = _uploads(request, code)
    ticket = get_object_or_404(_tickets(request), code=code)
    data = request.POST.copy()
    if kind:
        data["kind"] = kind
    probe = ComposerForm(data)
    if probe.is_valid() and not probe.cleaned_data["crossing_confirmed"] and probe.cleaned_data["seen"] \
            and ticket.updated_at > probe.cleaned_data["seen"]:
        data["crossing_confirmed"] = "True"
        form = ComposerForm(data)
        form.is_valid()
        form.add_error(None, _("The ticket changed after you opened it (a new message, or its status): read the "
                               "conversation above, then send again to confirm. Attachments must be chosen again."))
        return ticket_detail(request, code, forms={"composer": form})

    def act(ticket, cleaned):
        if cleaned["kind"] == ComposerForm.NOTE:
            return actions.add_internal_note(ticket=ticket, author=request.user, body=cleaned["body"], uploads=uploads)
        return actions.reply_to_customer(ticket=ticket, author=request.user, body=cleaned["body"],
                                         then_status=cleaned["then_status"] or None, uploads=uploads)

    return _post_form(request, code, ComposerForm, "composer", act, lambda message: _(
        "Internal note added.") if message.is_internal else _("Reply sent to the customer."), refusals, data=data)


@staff_area
@require_POST
def request_file(request, code):
    return _post_form(request, code, FileRequestForm, "file_request", lambda ticket, data: actions.request_file(
        ticket=ticket, by=request.user, description=data["description"]),
        _("File requested: the customer has been sent the link to the upload page."))


@staff_area
@require_POST
def availability(request):
    """Available, on a break or off duty: automatic assignment gives tickets only to the available."""
    chosen = request.POST.get("availability")
    if chosen in User.Availability.values:
        assignment.set_availability(user=request.user, availability=chosen)
        messages.success(request, _("You are now: %(state)s.") % {"state": User.Availability(chosen).label})
    return redirect(request.POST.get("next") if request.POST.get("next") == "/console/mine/" else "console:queue")


@staff_area
@require_POST
def presence(request, code):
    """Polled by the ticket page: I am here (and writing, or not); who else is?"""
    ticket = get_object_or_404(_tickets(request), code=code)
    if request.POST.get("leaving") == "1":   # the page was closed or left (a beacon)
        ticket_presence.leave(ticket=ticket, user=request.user)
        return HttpResponse(status=204)
    return render(request, "console/_presence.html", {
        "others": ticket_presence.report(ticket=ticket, user=request.user, typing=request.POST.get("typing") == "1")})


@staff_area
@require_POST
def properties(request, code):
    """Status, priority, request type and (for supervisors) the technician, from one panel."""
    ticket = get_object_or_404(_tickets(request).select_related("request_type"), code=code)
    form = PropertiesForm(request.POST, ticket=ticket, user=request.user)
    if form.is_valid() and form.has_changed():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        if not request.user.is_supervisor:
            changed.pop("technician", None)
        try:
            actions.update_properties(ticket=ticket, by=request.user, status=changed.get("status"),
                                      priority=changed.get("priority"), request_type=changed.get("request_type"),
                                      assignee=changed.get("technician"))
        except InvalidTransition as error:
            form.add_error("status", error.message)
        except actions.TicketClosed:
            form.add_error(None, _("The ticket is closed: nothing more can be added."))
        else:
            messages.success(request, _("Ticket updated."))
            return redirect("console:ticket", code=code)
    elif form.is_valid():
        return redirect("console:ticket", code=code)
    return ticket_detail(request, code, forms={"properties": form})


@staff_area
@require_POST
def refund(request, code):
    return _post_form(request, code, RefundForm, "refund", lambda ticket, data: ledger.refund_unit(
        ticket=ticket, reason=data["reason"], note=data["note"], by=request.user),
        _("The ticket's unit has been given back."))


# Events shown as slim lines among the messages (the others are the messages themselves).
SYSTEM_LINES = {Event.Kind.STATUS, Event.Kind.ASSIGNED, Event.Kind.PRIORITY, Event.Kind.REQUEST_TYPE,
                Event.Kind.UNIT_USED, Event.Kind.REFUND, Event.Kind.FILE_REQUESTED, Event.Kind.FILE_RECEIVED,
                Event.Kind.ONE_TOPIC, Event.Kind.SPLIT, Event.Kind.MERGED}


def _place_files(ticket, messages_, file_requests):
    """Each file where it is shown: on its message (`files`), on the request it answered
    (`received_files`); returns those sent with the opening."""
    placed = placed_files(ticket)
    for message in messages_:
        message.files = placed.on_message[message.pk]
    for request_ in file_requests:
        request_.received_files = placed.on_request[request_.pk]
    return placed.opening


def _timeline(messages_, history, file_requests):
    """Messages and what happened between them, in order; a "file received" line carries
    the files of the request it fulfilled (no extra query: both lists are loaded)."""
    received = {request_.fulfilled_at: request_.received_files for request_ in file_requests
                if request_.fulfilled_at}
    lines = []
    for event in history:
        if event.kind in SYSTEM_LINES:
            event.files = received.get(event.created_at, []) if event.kind == Event.Kind.FILE_RECEIVED else []
            lines.append((event.created_at, 1, event.pk, event))
    lines += [(message.created_at, 0, message.pk, message) for message in messages_]
    return [item for *_, item in sorted(lines, key=lambda line: line[:3])]


def _with_originals(ticket, conversation):
    """Each message that came by e-mail gets the original text and what was collapsed out of
    it — quotes and signature — to show on request (one query)."""
    originals = {message_id: (text, fragments) for message_id, text, fragments in InboundMail.objects.filter(
        ticket=ticket, ticket_message__isnull=False).values_list("ticket_message_id", "full_text", "fragments")}
    messages_ = list(conversation)
    for message in messages_:
        message.original_text, fragments = originals.get(message.pk, ("", []))
        message.collapsed = [fragment["text"] for fragment in fragments if fragment["kind"] in ("quote", "signature")]
    return messages_


@staff_area
def download(request, pk):
    return attachment_response(request, pk, public_only=False)


@staff_area
@require_POST
def one_topic(request, code):
    return _post_form(request, code, OneTopicForm, "one_topic", lambda ticket, data: topic_actions.apply_one_topic_rule(
        ticket=ticket, author=request.user, body=data["body"]), _("The one-topic answer has been sent."))


@staff_area
@require_POST
def split(request, code):
    return _post_form(request, code, SplitForm, "split", lambda ticket, data: topic_actions.split_ticket(
        ticket=ticket, text=data["text"], subject=data["subject"], by=request.user),
        lambda new: _("Ticket %(code)s opened for the other topic.") % {"code": new.code})


@staff_area
@require_POST
def merge_into(request, code):
    return _post_form(request, code, MergeForm, "merge", lambda ticket, data: merge(
        ticket, data, request.user, _tickets(request)),
        lambda into: _("Merged into %(code)s; the unit has been given back.") % {"code": into.code})
