"""Receiving e-mail: store each message once, then route it to the right ticket.

Routing, in order: the reply token in our address → In-Reply-To/References of a
message we sent or received → [TK……] in the subject, for a sender allowed on that
ticket → a known contact's address opens a new ticket → anyone else waits in the
supervisors' triage list. Automatic messages (auto-replies, lists, bounces) are kept
in the log but never change a ticket and never get an answer.
"""

import re
from functools import cached_property

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from sportello.accounts.models import User
from sportello.customers.ledger import NoUnitsLeft
from sportello.customers.models import PackagePolicy
from sportello.outbox import emails
from sportello.outbox.models import OutboundMail
from sportello.search import index as search_index
from sportello.text import clean_line, fit_to_columns
from sportello.tickets import actions
from sportello.tickets.models import RequestType, Ticket

from .models import InboundMail
from .parsing import parse

CODE_RE = re.compile(r"\[(TK\d{6,})\]", re.IGNORECASE)
# What routing sets on a stored mail (the rest was written, cleaned, before it).
ROUTED_FIELDS = ["raw", "ticket", "ticket_message", "outcome", "reason"]


def receive(raw: bytes, *, envelope_recipient="") -> tuple[InboundMail, bool]:
    """Store and route one raw message. Returns (the stored mail, whether it is new).
    The same message received again is recognised and changes nothing.

    `envelope_recipient` is the address the mail server delivered to (Postfix's pipe
    passes it): it counts as a recipient when the headers do not name our address
    (Bcc, or a list that rewrote To:)."""
    parsed = parse(raw)
    envelope = clean_line(envelope_recipient).lower()
    if envelope and envelope not in parsed.recipients:
        parsed.recipients.append(envelope)
    # No lookup first: nearly every message is new, and a copy already stored is refused by
    # the unique fingerprint below, before anything else is written.
    try:
        with transaction.atomic():
            inbound = InboundMail(fingerprint=parsed.fingerprint, message_id=parsed.message_id,
                                  sender=parsed.sender, sender_name=parsed.sender_name,
                                  recipients=", ".join(parsed.recipients)[:2000], subject=parsed.subject,
                                  body_text=parsed.reply_text, full_text=parsed.text, fragments=parsed.fragments,
                                  is_automatic=parsed.is_automatic, outcome=InboundMail.Outcome.TRIAGE)
            fit_to_columns(inbound)
            # The row first: a copy another worker is storing at this moment stops here (its
            # unique fingerprint), before it writes a second raw file nobody would point to.
            inbound.save()
            try:
                inbound.raw.save("message.eml", ContentFile(raw), save=False)
                _route(inbound, parsed)
                fit_to_columns(inbound)   # the reason may quote the message's headers
                inbound.save(update_fields=ROUTED_FIELDS)
                if inbound.ticket_id and not inbound.ticket_message_id and inbound.outcome != inbound.Outcome.OPENED:
                    # A mail kept in a ticket's mail (an auto-reply, a bounce) is searchable
                    # with it. A reply is a message of the ticket and a mail that opened one
                    # its text: both were indexed when they were written.
                    search_index.reindex(inbound.ticket_id)
            except BaseException:
                if inbound.raw:   # rolled back: the file would be an orphan
                    inbound.raw.delete(save=False)
                raise
    except IntegrityError:
        # Stored before (fetched again), or by another worker a moment ago; any other refused
        # row is an error of its own, to be seen as such (and the message is received again later).
        existing = InboundMail.objects.filter(fingerprint=parsed.fingerprint).first()
        if existing is None:
            raise
        return existing, False
    return inbound, True


class _Sender:
    """Who wrote: the contact behind the sender's address, looked up once per message
    (routing asks up to three times)."""

    def __init__(self, address):
        self.address = address

    @cached_property
    def contact(self):
        if not self.address:
            return None
        # Addresses are kept in lower case (User.save), so the unique index finds them.
        return _unique(User.objects.filter(email=self.address.strip().lower(), is_active=True,
                                           contact__isnull=False).select_related("contact__company"))


def _unique(queryset):
    """The row a unique key finds, or None. .first() would also sort by id (SQLite in a
    temporary tree after the join): about 0.1 ms for nothing, up to three times a message."""
    return next(iter(queryset.order_by()[:1]), None)


def _route(inbound, parsed):
    sender = _Sender(parsed.sender)
    if parsed.error and not parsed.sender:
        return _set(inbound, InboundMail.Outcome.REJECTED, f"unreadable message ({parsed.error})")
    if parsed.is_bounce:
        return _record_bounce(inbound, parsed)
    if parsed.message_id and OutboundMail.objects.filter(message_id=parsed.message_id).exists():
        return _set(inbound, InboundMail.Outcome.IGNORED, "our own message came back")
    ticket, how = _find_ticket(parsed, sender)
    if parsed.is_automatic:
        # Never answered and never changes a ticket, but never vanishes either: on a
        # ticket it is kept in that ticket's mail; from a stranger it waits in triage,
        # marked as automatic, where a supervisor can still turn it into a ticket.
        inbound.ticket = ticket
        if ticket is None and sender.contact is None:
            return _set(inbound, InboundMail.Outcome.TRIAGE, f"automatic message ({parsed.automatic_reason})")
        return _set(inbound, InboundMail.Outcome.IGNORED, f"automatic message ({parsed.automatic_reason})")
    if ticket is not None and not ticket.is_closed:
        return _add_to_ticket(inbound, parsed, ticket, how, sender)
    if sender.contact is not None:
        return _open_ticket(inbound, parsed, sender.contact, note=f"reply to closed {ticket.code}" if ticket else "")
    inbound.ticket = ticket
    return _set(inbound, InboundMail.Outcome.TRIAGE, "unknown sender")


def _set(inbound, outcome, reason):
    inbound.outcome, inbound.reason = outcome, reason[:250]


def _find_ticket(parsed, sender):
    """(ticket, how it was recognised) or (None, "")."""
    local_part = re.escape(settings.SPORTELLO_MAIL_LOCAL_PART)
    for address in parsed.recipients:
        match = re.fullmatch(rf"{local_part}\+t-([0-9a-f]+)@.+", address)
        if match:
            ticket = _unique(Ticket.objects.filter(reply_token=match.group(1)))
            if ticket:
                return ticket, "reply address"
    thread = [*parsed.in_reply_to, *reversed(parsed.references)]
    if thread:
        # Our own messages first: a customer replies to what we sent.
        for mails in (OutboundMail.objects, InboundMail.objects):
            mail = mails.filter(message_id__in=thread, ticket__isnull=False).select_related("ticket").first()
            if mail is not None:
                return mail.ticket, "thread headers"
    code = CODE_RE.search(parsed.subject)
    if code:
        ticket = _unique(Ticket.objects.filter(code=code.group(1).upper()).select_related("company"))
        if ticket and _sender_allowed(ticket, sender):
            return ticket, "code in subject"
    return None, ""


def _sender_allowed(ticket, sender):
    """The answer address, or a contact of the company who may see the ticket."""
    if sender.address == ticket.answer_email.lower():
        return True
    user = sender.contact
    return user is not None and Ticket.objects.visible_to(user).filter(pk=ticket.pk).exists()


def _add_to_ticket(inbound, parsed, ticket, how, sender):
    user = sender.contact
    author = user if user is not None and user.contact.company_id == ticket.company_id else None
    name = parsed.sender_name or parsed.sender
    message = actions.reply_as_customer(ticket=ticket, author=author, author_name=f"{name} <{parsed.sender}>",
                                        body=parsed.reply_text or parsed.text or "(messaggio vuoto)",
                                        attachments=parsed.attachments)
    inbound.ticket, inbound.ticket_message = ticket, message
    _set(inbound, InboundMail.Outcome.ADDED, how)


def _open_ticket(inbound, parsed, user, note=""):
    request_type = RequestType.objects.filter(is_active=True, name="Altro").first() or \
        RequestType.objects.filter(is_active=True).order_by("position").first()
    fields = actions.TicketFields(
        request_type=request_type, requester_name=parsed.sender_name or user.full_name,
        callback_phone=user.contact.phone, answer_email=parsed.reply_to or parsed.sender,
        subject=parsed.subject or "(senza oggetto)", description=parsed.reply_text or parsed.text or "(messaggio vuoto)")
    may_answer = emails.automatic_replies_allowed(fields.answer_email)
    try:
        with transaction.atomic():
            ticket = actions.open_ticket(company=user.contact.company, contact=user, fields=fields,
                                         channel=Ticket.Channel.EMAIL, confirm=may_answer,
                                         attachments=parsed.attachments, received_text=inbound.full_text)
    except NoUnitsLeft:
        if may_answer:
            emails.queue_no_units_by_email(user=user, to=fields.answer_email, subject=parsed.subject,
                                           policy=PackagePolicy.current())
        return _set(inbound, InboundMail.Outcome.REJECTED, "no ticket units left")
    inbound.ticket = ticket
    _set(inbound, InboundMail.Outcome.OPENED, note or "known contact")


def _record_bounce(inbound, parsed):
    bounced = OutboundMail.objects.filter(message_id__in=parsed.bounced_message_ids)
    count = bounced.update(bounced_at=timezone.now(), bounce_reason=parsed.bounce_reason[:2000])
    inbound.ticket = Ticket.objects.filter(outbound_mail__message_id__in=parsed.bounced_message_ids).first()
    _set(inbound, InboundMail.Outcome.BOUNCE, f"delivery failure for {count} of our messages")


