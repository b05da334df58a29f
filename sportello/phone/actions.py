"""Phone desk use cases: look-ups, logged calls, call-back requests and attempts.
Every change of a call-back's state or a new attempt is counted for the reports
(reports.callbacks) in its own transaction."""

from copy import copy
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sportello.customers.ledger import today
from sportello.customers.models import Contact
from sportello.customers.models.companies import phone_key
from sportello.outbox import emails
from sportello.outbox.models import WebhookEvent
from sportello.outbox.webhooks import queue_event
from sportello.reports import callbacks as callback_counts
from sportello.tickets import actions as ticket_actions
from sportello.tickets import derived
from sportello.tickets.models import Ticket

from . import codes
from .hours import callback_target
from .models import Call, CallAttempt, CallbackRequest, CodeLookup, PhoneContract, new_assistance_code

# Wrong codes allowed in LOOKUP_WINDOW before look-ups are refused for a while.
LOOKUP_LIMIT, LOOKUP_WINDOW = 10, timedelta(minutes=10)
RETRY_AFTER = {CallAttempt.Outcome.NO_ANSWER: timedelta(minutes=30), CallAttempt.Outcome.BUSY: timedelta(minutes=15)}


class Throttled(Exception):
    pass


def _throttled(**who):
    since = timezone.now() - LOOKUP_WINDOW
    return CodeLookup.objects.filter(created_at__gte=since, contract=None, **who).count() >= LOOKUP_LIMIT


def lookup_code(*, typed, technician=None, integration=None):
    """The contract with this assistance code, or None. Every look-up is logged;
    too many wrong ones from the same technician or integration raise Throttled."""
    who = {"technician": technician} if technician else {"integration": integration}
    if _throttled(**who):
        raise Throttled
    code = codes.normalise(typed)
    contract = None
    if codes.is_well_formed(code):
        contract = PhoneContract.objects.select_related("company").filter(assistance_code=code).first()
    CodeLookup.objects.create(typed=typed[:40], contract=contract, **who)
    return contract


def contacts_by_number(number):
    """Contacts whose phone number is the caller's, whatever prefix or spacing either has."""
    key = phone_key(number)
    if not key:
        return []
    return list(Contact.objects.filter(phone_key=key).select_related("user", "company")[:50])


def valid_contract(company, day=None):
    day = day or today()
    return (PhoneContract.objects.filter(company=company, is_active=True, valid_from__lte=day, valid_until__gte=day)
            .order_by("-valid_until").first())


def regenerate_code(*, contract):
    """A new code; the old one stops working at once."""
    contract.assistance_code = new_assistance_code()
    contract.save(update_fields=["assistance_code"])
    return contract


@dataclass(frozen=True)
class CallFields:
    caller_name: str
    topic: str
    duration_minutes: int
    outcome: str
    notes: str = ""


def log_call(*, company, technician, fields: CallFields, contact=None, ticket=None, new_ticket_fields=None):
    """Record a call, on an existing ticket (as an internal note) or as a new phone
    ticket assigned to the technician who took it."""
    with transaction.atomic(), derived.written_once():
        if new_ticket_fields is not None:
            ticket = ticket_actions.open_ticket(company=company, fields=new_ticket_fields, contact=contact,
                                                channel=Ticket.Channel.PHONE, by=technician)
            ticket_actions.claim_ticket(ticket=ticket, technician=technician)
        call = Call.objects.create(company=company, contact=contact, technician=technician, ticket=ticket,
                                   caller_name=fields.caller_name, topic=fields.topic,
                                   duration_minutes=fields.duration_minutes, outcome=fields.outcome, notes=fields.notes)
        if ticket is not None and new_ticket_fields is None:
            ticket_actions.add_internal_note(ticket=ticket, author=technician, body=(
                f"☎ {fields.caller_name}, {fields.duration_minutes} min — {fields.topic}\n{fields.notes}").strip())
    return call


def request_callback(*, company, phone_number, contact=None, contact_name="", topic="", preferred_windows="",
                     source=CallbackRequest.Source.PORTAL, not_before=None):
    now = timezone.now()
    due, at_risk = callback_target(now)
    with transaction.atomic():
        callback = CallbackRequest.objects.create(
            company=company, contact=contact, contact_name=contact_name or (contact.full_name if contact else ""),
            phone_number=phone_number, topic=topic, preferred_windows=preferred_windows, source=source,
            next_attempt_at=max(not_before or now, now), due_at=due, at_risk_at=at_risk, created_at=now)
        if contact is not None:
            emails.queue_callback_confirmation(callback)
        queue_event(WebhookEvent.CALLBACK_REQUESTED, lambda: {
            "callback": {"id": callback.pk, "phone_number": callback.phone_number, "contact_name": callback.contact_name,
                         "topic": callback.topic, "source": callback.source, "due_at": callback.due_at},
            "company": company.reference()})
        callback_counts.changed(callback)
    return callback


@dataclass(frozen=True)
class ClaimResult:
    won: bool
    holder: object


def claim_callback(*, callback, technician) -> ClaimResult:
    """Compare-and-set: of two technicians, exactly one gets the call-back."""
    with transaction.atomic():
        won = CallbackRequest.objects.filter(pk=callback.pk, state=CallbackRequest.State.WAITING).update(
            state=CallbackRequest.State.CLAIMED, claimed_by=technician)
        callback.refresh_from_db()
        if won:
            before = copy(callback)
            before.state = CallbackRequest.State.WAITING
            callback_counts.changed(callback, before=before)
    return ClaimResult(won=bool(won), holder=callback.claimed_by)


def record_attempt(*, callback, technician, outcome, notes="", ticket=None):
    """A call made: done closes the request; otherwise it goes back in the queue,
    to be tried again later (a wrong number waits for the customer to correct it)."""
    with transaction.atomic():
        callback = CallbackRequest.objects.select_for_update(no_key=True).get(pk=callback.pk)
        if callback.state != CallbackRequest.State.CLAIMED or callback.claimed_by_id != technician.pk:
            return None
        before = copy(callback)
        attempt = CallAttempt.objects.create(request=callback, technician=technician, outcome=outcome, notes=notes)
        now = timezone.now()
        if outcome == CallAttempt.Outcome.DONE:
            callback.state, callback.closed_at = CallbackRequest.State.DONE, now
            if ticket is not None:
                callback.ticket = ticket
        else:
            callback.state, callback.claimed_by = CallbackRequest.State.WAITING, None
            callback.next_attempt_at = now + RETRY_AFTER.get(outcome, timedelta(hours=4))
        callback.save()
        callback_counts.changed(callback, before=before, attempts=[attempt])
    return attempt


def callbacks_for(user):
    """Call-backs a customer may see: their own, or the company's for its administrator."""
    contact = getattr(user, "contact", None)
    if contact is None:
        return CallbackRequest.objects.none()
    own = Q(company_id=contact.company_id)
    if not contact.is_company_admin:
        own &= Q(contact=user)
    return CallbackRequest.objects.filter(own)
