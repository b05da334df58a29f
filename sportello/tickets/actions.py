"""Ticket use cases. Portal, console, mail and jobs all go through these functions.

Each one that changes what a ticket can be found by or counted in (its text, status,
technician, dates) ends with derived.refresh(), inside its transaction and after its
e-mails and webhooks: the rollup counters that every change of the day adds to stay
locked only from there to the commit."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportello.customers import ledger
from sportello.customers.models import PackagePolicy
from sportello.outbox import emails
from sportello.outbox.models import WebhookEvent
from sportello.text import fit_to_columns

from . import derived, webhook_events
from .models import AutoAssignment, Event, FileRequest, Message, Ticket, allocate_ticket_numbers, format_ticket_code


def _refresh_sla(ticket):
    from sportello.sla.tracking import refresh_ticket_sla

    refresh_ticket_sla(ticket)


class TicketClosed(Exception):
    """Nothing more can be written on a closed ticket."""


@dataclass(frozen=True)
class TicketFields:
    """What the procedure asks of whoever opens a ticket."""

    request_type: object
    requester_name: str
    callback_phone: str
    answer_email: str
    subject: str
    description: str


def uses_package_unit(channel):
    """Phone tickets are covered by the phone contract unless the desk decides otherwise."""
    return channel != Ticket.Channel.PHONE or PackagePolicy.current().phone_tickets_use_units


def _attach(ticket, message, attachments, by=None):
    """Store e-mail attachments (bytes) through the same checks as uploads. A refused
    one is not stored; staff see why in an internal note, which is returned (or None)."""
    from .files import FileRefused, store_bytes

    refused = []
    for item in attachments:
        try:
            store_bytes(ticket=ticket, message=message, name=item.name, data=item.data,
                        content_id=getattr(item, "content_id", ""), by=by)
        except FileRefused as refusal:
            refused.append(str(refusal.message))
    if not refused:
        return None
    note = ticket.messages.create(is_internal=True, body="\n".join(refused),
                                  author_name=str(_("Attachments not accepted")))
    ticket.events.create(kind=Event.Kind.NOTE, message=note)
    return note


def _store_uploads(ticket, message, uploads, by, file_request=None):
    """Uploads already checked by the view: (CheckedFile, stream) pairs."""
    from .files import store_file

    return [store_file(ticket=ticket, checked=checked, stream=stream, message=message, by=by,
                       file_request=file_request) for checked, stream in uploads]


def open_ticket(*, company, fields: TicketFields, channel=Ticket.Channel.WEB, contact=None, by=None, confirm=True,
                attachments=(), uploads=(), force_no_unit=False, received_text="") -> Ticket:
    """The only way a ticket is born. Writes the ticket, its `created` event, the
    package unit it consumes, the files sent with it (`uploads`: checked by the view;
    `attachments`: an e-mail's) and the confirmation e-mail in one transaction; the
    e-mail leaves after commit. Raises ledger.NoUnitsLeft, and then nothing is written
    (not even a ticket number is used up). `received_text`: the whole text of the
    e-mail that opens it (quoted and forwarded parts too), which the ticket is found by."""
    from sportello.sla.tracking import set_new_ticket_sla

    with transaction.atomic():
        company = ledger.lock_company(company)  # before the counter: see ledger's lock order
        uses_unit = uses_package_unit(channel) and not force_no_unit
        package = ledger.unit_to_consume(company) if uses_unit else None   # refused before a number is taken
        [number] = allocate_ticket_numbers(1)
        now = timezone.now()
        actor = by or contact
        ticket = Ticket(
            code=format_ticket_code(number),
            company=company,
            contact=contact,
            request_type=fields.request_type,
            requester_name=fields.requester_name,
            callback_phone=fields.callback_phone,
            answer_email=fields.answer_email,
            subject=fields.subject,
            description=fields.description,
            channel=channel,
            created_at=now,
            updated_at=now,
        )
        fit_to_columns(ticket)  # e-mail and the API bring subjects longer than the form allows
        set_new_ticket_sla(ticket)   # the deadlines are written with the ticket
        ticket.save(force_insert=True)
        events = [Event(ticket=ticket, kind=Event.Kind.CREATED, actor=actor, new_value=channel, created_at=now)]
        if uses_unit:
            entry = ledger.consume_unit(ticket=ticket, package=package, by=actor)
            events.append(Event(ticket=ticket, kind=Event.Kind.UNIT_USED, actor=actor, created_at=now,
                                new_value=str(entry.package.product) if entry.package else ""))
        Event.objects.bulk_create(events)
        note = _attach(ticket, None, attachments)
        _store_uploads(ticket, None, uploads, actor)
        if confirm:
            emails.queue_ticket_confirmation(ticket)
        webhook_events.ticket_event(WebhookEvent.TICKET_CREATED, ticket)
        # Last: the day's counters, which every opening adds to, stay locked only to commit.
        derived.opened(ticket, notes=[note] if note else [], received_text=received_text)
        transaction.on_commit(_offer_to_available_technicians)
    return ticket


def _offer_to_available_technicians():
    """After commit, outside the opening's transaction: automatic assignment, if on."""
    from .assignment import assign_waiting_task

    if AutoAssignment.objects.filter(pk=1, is_enabled=True).exists():
        assign_waiting_task.enqueue()


def mark_seen(*, ticket, by):
    """The assignee opened the ticket: what was new for them is not any more."""
    if ticket.assignee_id == by.pk and ticket.news:
        Ticket.objects.filter(pk=ticket.pk, assignee=by).update(news=Ticket.News.NONE)
        ticket.news = Ticket.News.NONE


@dataclass(frozen=True)
class ClaimResult:
    won: bool
    holder: object  # the technician who holds the ticket now (None if it is gone)


def claim_ticket(*, ticket, technician, automatic=False) -> ClaimResult:
    """Take a new ticket. A compare-and-set: of two technicians exactly one wins,
    and the loser learns who holds it. `automatic`: the desk gave it to the technician
    (the history says so, and the technician is told by e-mail)."""
    with transaction.atomic():
        won = Ticket.objects.filter(pk=ticket.pk, assignee=None, status=Ticket.Status.NEW).update(
            assignee=technician, updated_at=timezone.now()
        )
        ticket.refresh_from_db()
        if not won:
            return ClaimResult(won=False, holder=ticket.assignee)
        ticket.events.create(kind=Event.Kind.ASSIGNED, actor=None if automatic else technician,
                             new_value=technician.full_name)
        ticket.move_to(Ticket.Status.OPEN, by=None if automatic else technician)
        webhook_events.ticket_event(WebhookEvent.TICKET_ASSIGNED, ticket)
        if automatic:
            emails.queue_assignment_notice(ticket, technician=technician)
        derived.refresh(ticket.pk)
    return ClaimResult(won=True, holder=technician)


def reassign_ticket(*, ticket, to, by) -> None:
    """A supervisor hands a ticket to another technician."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update(no_key=True).get(pk=ticket.pk)
        if ticket.is_closed:
            raise TicketClosed
        old = ticket.assignee
        if old == to:
            return
        ticket.assignee = to
        ticket.updated_at = timezone.now()
        ticket.save(update_fields=["assignee", "updated_at"])
        ticket.events.create(kind=Event.Kind.ASSIGNED, actor=by,
                             old_value=old.full_name if old else "", new_value=to.full_name)
        if ticket.status == Ticket.Status.NEW:
            ticket.move_to(Ticket.Status.OPEN, by=by)
        emails.queue_assignment_notice(ticket, technician=to)
        webhook_events.ticket_event(WebhookEvent.TICKET_ASSIGNED, ticket)
        derived.refresh(ticket.pk)


def change_status(*, ticket, status, by) -> None:
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update(no_key=True).get(pk=ticket.pk)
        ticket.move_to(status, by=by)
        _refresh_sla(ticket)
        derived.refresh(ticket.pk)


def set_priority(*, ticket, priority, by) -> None:
    """Urgent tickets may have a stricter deadline: recomputed from the history."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update(no_key=True).get(pk=ticket.pk)
        if ticket.priority == priority:
            return
        ticket.events.create(kind=Event.Kind.PRIORITY, actor=by, old_value=ticket.priority, new_value=priority)
        ticket.priority = priority
        ticket.save(update_fields=["priority"])
        _refresh_sla(ticket)
        derived.refresh(ticket.pk)   # a resolved ticket's verdict may follow the new priority


def change_request_type(*, ticket, request_type, by) -> None:
    """The type decides the service level and the reports' columns: both follow."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update(no_key=True).select_related("request_type").get(pk=ticket.pk)
        if ticket.request_type_id == request_type.pk:
            return
        ticket.events.create(kind=Event.Kind.REQUEST_TYPE, actor=by, old_value=ticket.request_type.name[:100],
                             new_value=request_type.name[:100])
        ticket.request_type = request_type
        ticket.updated_at = timezone.now()
        ticket.save(update_fields=["request_type", "updated_at"])
        _refresh_sla(ticket)
        derived.refresh(ticket.pk)


def update_properties(*, ticket, by, status=None, priority=None, request_type=None, assignee=None) -> None:
    """The properties the person changed (None: left as it was), all or nothing: each
    through its own action, so the rules and history rows are the single changes'
    (status last: a handover moves a new ticket to "open" first)."""
    with transaction.atomic(), derived.written_once():
        if request_type is not None:
            change_request_type(ticket=ticket, request_type=request_type, by=by)
        if priority is not None:
            set_priority(ticket=ticket, priority=priority, by=by)
        if assignee is not None:
            reassign_ticket(ticket=ticket, to=assignee, by=by)
        if status is not None and Ticket.objects.get(pk=ticket.pk).status != status:
            change_status(ticket=ticket, status=status, by=by)


def _write_message(ticket, *, author, body, kind, internal=False, author_name=""):
    """Lock the ticket, refuse if it is closed, store the message and its event.
    Call inside atomic(); returns the locked ticket (its updated_at set, not saved) and the message."""
    ticket = Ticket.objects.select_for_update(no_key=True).get(pk=ticket.pk)
    if ticket.is_closed:
        raise TicketClosed
    now = timezone.now()
    message = ticket.messages.create(author=author, author_name=author_name[:200], body=body, is_internal=internal,
                                     created_at=now)
    ticket.events.create(kind=kind, actor=author, message=message, created_at=now)
    ticket.updated_at = now
    return ticket, message


def _take_if_new(ticket, technician):
    """A technician who acts on a new ticket (answers it, asks for a file) takes it,
    unless someone already has it, and it is in progress. Call with the row locked."""
    if ticket.status != Ticket.Status.NEW:
        return
    if ticket.assignee_id is None and technician.is_support_staff:   # an integration takes no ticket
        Ticket.objects.filter(pk=ticket.pk).update(assignee=technician)
        ticket.assignee = technician
        ticket.events.create(kind=Event.Kind.ASSIGNED, actor=technician, new_value=technician.full_name)
        webhook_events.ticket_event(WebhookEvent.TICKET_ASSIGNED, ticket)
    ticket.move_to(Ticket.Status.OPEN, by=technician)


def reply_to_customer(*, ticket, author, body, then_status=None, uploads=()) -> Message:
    """A technician's public reply: stored, e-mailed to the answer address, and
    optionally followed by a status change (ask for information → waiting)."""
    with transaction.atomic():
        ticket, message = _write_message(ticket, author=author, body=body, kind=Event.Kind.REPLY)
        _store_uploads(ticket, message, uploads, author)
        ticket.customer_waiting = False
        fields = ["updated_at", "customer_waiting"]
        if ticket.first_response_at is None:
            ticket.first_response_at = message.created_at
            fields.append("first_response_at")
        ticket.save(update_fields=fields)
        _take_if_new(ticket, author)
        if then_status and then_status != ticket.status:
            ticket.move_to(then_status, by=author)
        _refresh_sla(ticket)
        emails.queue_public_reply(message)
        webhook_events.message_event(WebhookEvent.TICKET_REPLIED_BY_STAFF, message)
        derived.refresh(ticket.pk)
    return message


def reply_as_customer(*, ticket, author, body, author_name="", attachments=(), uploads=()) -> Message:
    """The customer answers (in the reserved area, or by e-mail, perhaps from an
    address with no account): a waiting or resolved ticket goes back to the
    technician, who is told by e-mail."""
    with transaction.atomic():
        ticket, message = _write_message(ticket, author=author, body=body, kind=Event.Kind.CUSTOMER_REPLY,
                                         author_name=author_name)
        ticket.customer_waiting = True
        ticket.news = Ticket.News.REPLY
        ticket.save(update_fields=["updated_at", "customer_waiting", "news"])
        _attach(ticket, message, attachments, by=author)
        _store_uploads(ticket, message, uploads, author)
        if ticket.status in (Ticket.Status.WAITING, Ticket.Status.RESOLVED):
            ticket.move_to(Ticket.Status.OPEN, by=author)
        _refresh_sla(ticket)
        if ticket.assignee_id:
            emails.queue_customer_reply_notice(message)
        webhook_events.message_event(WebhookEvent.TICKET_REPLIED_BY_CUSTOMER, message)
        derived.refresh(ticket.pk)
    return message


def add_internal_note(*, ticket, author, body, uploads=()) -> Message:
    with transaction.atomic():
        ticket, message = _write_message(ticket, author=author, body=body, kind=Event.Kind.NOTE, internal=True)
        ticket.save(update_fields=["updated_at"])
        _store_uploads(ticket, message, uploads, author)
        derived.refresh(ticket.pk)
    return message


def request_file(*, ticket, by, description) -> FileRequest:
    """The technician asks for a file: the ticket waits for the customer (the SLA
    clock pauses) and the customer gets a link to the upload page."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update(no_key=True).get(pk=ticket.pk)
        if ticket.is_closed:
            raise TicketClosed
        file_request = ticket.file_requests.create(requested_by=by, description=description)
        ticket.events.create(kind=Event.Kind.FILE_REQUESTED, actor=by, new_value=description[:100])
        _take_if_new(ticket, by)
        if ticket.status != Ticket.Status.WAITING:
            ticket.move_to(Ticket.Status.WAITING, by=by)
        _refresh_sla(ticket)
        emails.queue_file_request(file_request)
        derived.refresh(ticket.pk)
    return file_request


def upload_for_request(*, file_request, uploads, by) -> list:
    """Files the customer uploads for a request (each upload as it arrives)."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update(no_key=True).get(pk=file_request.ticket_id)
        if ticket.is_closed or file_request.state == FileRequest.State.CANCELLED:
            raise TicketClosed
        return _store_uploads(ticket, None, uploads, by, file_request=file_request)


def complete_file_request(*, file_request, by) -> bool:
    """The customer is done uploading: the request is fulfilled, the ticket goes back
    to the technician, who is told once. False when there is nothing new to report."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update(no_key=True).get(pk=file_request.ticket_id)
        now = timezone.now()
        if not FileRequest.objects.filter(pk=file_request.pk, state=FileRequest.State.OPEN,
                                          files__isnull=False).update(state=FileRequest.State.FULFILLED,
                                                                      fulfilled_at=now):
            return False
        files = list(file_request.files.all())
        names = ", ".join(a.original_name for a in files)
        ticket.events.create(kind=Event.Kind.FILE_RECEIVED, actor=by, new_value=names[:100], created_at=now)
        ticket.updated_at, ticket.news = now, Ticket.News.FILE
        ticket.save(update_fields=["updated_at", "news"])
        if ticket.status in (Ticket.Status.WAITING, Ticket.Status.RESOLVED):
            ticket.move_to(Ticket.Status.OPEN, by=by)
        _refresh_sla(ticket)
        if ticket.assignee_id:
            emails.queue_files_received(ticket=ticket, file_request=file_request, files=files)
        derived.refresh(ticket.pk)
    return True
