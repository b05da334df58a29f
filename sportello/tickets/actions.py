"""Ticket use cases. Portal, console, mail and jobs all go through these functions."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sportello.customers import ledger
from sportello.customers.models import PackagePolicy
from sportello.mail import outbound

from .models import Event, Message, Ticket, allocate_ticket_codes, format_ticket_code


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


def _attach(ticket, message, attachments):
    from .files import store_attachment

    for item in attachments:
        store_attachment(ticket=ticket, message=message, name=item.name, content_type=item.content_type,
                         data=item.data, content_id=getattr(item, "content_id", ""))


def open_ticket(*, company, fields: TicketFields, channel=Ticket.Channel.WEB, contact=None, by=None, confirm=True,
                attachments=()) -> Ticket:
    """The only way a ticket is born. Writes the ticket, its `created` event, the
    package unit it consumes and the confirmation e-mail in one transaction; the
    e-mail leaves after commit. Raises ledger.NoUnitsLeft, and then nothing is written
    (not even a ticket number is used up)."""
    with transaction.atomic():
        number = allocate_ticket_codes(1)
        now = timezone.now()
        ticket = Ticket.objects.create(
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
        ticket.events.create(kind=Event.Kind.CREATED, actor=by or contact, new_value=channel, created_at=now)
        if uses_package_unit(channel):
            entry = ledger.consume_unit(ticket=ticket, by=by or contact)
            ticket.events.create(kind=Event.Kind.UNIT_USED, actor=by or contact, created_at=now,
                                 new_value=str(entry.package.product) if entry.package else "")
        _attach(ticket, None, attachments)
        _refresh_sla(ticket)
        if confirm:
            outbound.queue_ticket_confirmation(ticket)
    return ticket


@dataclass(frozen=True)
class ClaimResult:
    won: bool
    holder: object  # the technician who holds the ticket now (None if it is gone)


def claim_ticket(*, ticket, technician) -> ClaimResult:
    """Take a new ticket. A compare-and-set: of two technicians exactly one wins,
    and the loser learns who holds it."""
    with transaction.atomic():
        won = Ticket.objects.filter(pk=ticket.pk, assignee=None, status=Ticket.Status.NEW).update(
            assignee=technician, updated_at=timezone.now()
        )
        ticket.refresh_from_db()
        if not won:
            return ClaimResult(won=False, holder=ticket.assignee)
        ticket.events.create(kind=Event.Kind.ASSIGNED, actor=technician, new_value=technician.full_name)
        ticket.move_to(Ticket.Status.OPEN, by=technician)
    return ClaimResult(won=True, holder=technician)


def reassign_ticket(*, ticket, to, by) -> None:
    """A supervisor hands a ticket to another technician."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
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
        outbound.queue_assignment_notice(ticket, technician=to)


def change_status(*, ticket, status, by) -> None:
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        ticket.move_to(status, by=by)
        _refresh_sla(ticket)


def set_priority(*, ticket, priority, by) -> None:
    """Urgent tickets may have a stricter deadline: recomputed from the history."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.priority == priority:
            return
        ticket.events.create(kind=Event.Kind.PRIORITY, actor=by, old_value=ticket.priority, new_value=priority)
        ticket.priority = priority
        ticket.save(update_fields=["priority"])
        _refresh_sla(ticket)


def _write_message(ticket, *, author, body, kind, internal=False, author_name=""):
    """Lock the ticket, refuse if it is closed, store the message and its event.
    Call inside atomic(); returns the locked ticket (its updated_at set, not saved) and the message."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.is_closed:
        raise TicketClosed
    now = timezone.now()
    message = ticket.messages.create(author=author, author_name=author_name[:200], body=body, is_internal=internal,
                                     created_at=now)
    ticket.events.create(kind=kind, actor=author, message=message, created_at=now)
    ticket.updated_at = now
    return ticket, message


def reply_to_customer(*, ticket, author, body, then_status=None) -> Message:
    """A technician's public reply: stored, e-mailed to the answer address, and
    optionally followed by a status change (ask for information → waiting)."""
    with transaction.atomic():
        ticket, message = _write_message(ticket, author=author, body=body, kind=Event.Kind.REPLY)
        fields = ["updated_at"]
        if ticket.first_response_at is None:
            ticket.first_response_at = message.created_at
            fields.append("first_response_at")
        ticket.save(update_fields=fields)
        if ticket.status == Ticket.Status.NEW:
            # Answering an untaken ticket takes it.
            if ticket.assignee is None:
                Ticket.objects.filter(pk=ticket.pk).update(assignee=author)
                ticket.assignee = author
                ticket.events.create(kind=Event.Kind.ASSIGNED, actor=author, new_value=author.full_name)
            ticket.move_to(Ticket.Status.OPEN, by=author)
        if then_status and then_status != ticket.status:
            ticket.move_to(then_status, by=author)
        _refresh_sla(ticket)
        outbound.queue_public_reply(message)
    return message


def reply_as_customer(*, ticket, author, body, author_name="", attachments=()) -> Message:
    """The customer answers (in the reserved area, or by e-mail, perhaps from an
    address with no account): a waiting or resolved ticket goes back to the
    technician, who is told by e-mail."""
    with transaction.atomic():
        ticket, message = _write_message(ticket, author=author, body=body, kind=Event.Kind.CUSTOMER_REPLY,
                                         author_name=author_name)
        ticket.save(update_fields=["updated_at"])
        _attach(ticket, message, attachments)
        if ticket.status in (Ticket.Status.WAITING, Ticket.Status.RESOLVED):
            ticket.move_to(Ticket.Status.OPEN, by=author)
        _refresh_sla(ticket)
        if ticket.assignee_id:
            outbound.queue_customer_reply_notice(message)
    return message


def add_internal_note(*, ticket, author, body) -> Message:
    with transaction.atomic():
        ticket, message = _write_message(ticket, author=author, body=body, kind=Event.Kind.NOTE, internal=True)
        ticket.save(update_fields=["updated_at"])
    return message
