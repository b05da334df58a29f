"""The one-topic rule: answering only the first topic, splitting, merging."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportello.customers import ledger
from sportello.outbox import emails
from sportello.refusals import Refused

from . import derived
from .actions import TicketClosed, TicketFields, open_ticket, reply_to_customer
from .models import Attachment, Event, FileRequest, Message, Ticket, TicketLink, TopicSettings


def apply_one_topic_rule(*, ticket, author, body):
    """"Più argomenti": the templated (and edited) answer goes to the customer, and the
    history records that the rule was applied."""
    with transaction.atomic():
        message = reply_to_customer(ticket=ticket, author=author, body=body)
        ticket.events.create(kind=Event.Kind.ONE_TOPIC, actor=author)
    return message


class SplitRefused(Refused):
    pass


def split_ticket(*, ticket, text, subject, by) -> Ticket:
    """A new ticket for part of this one, same company and requester, linked both ways.
    Whether it uses a unit and when its deadline starts are the supervisors' settings."""
    policy = TopicSettings.current()
    with transaction.atomic(), derived.written_once():
        ledger.lock_company(ticket.company)  # the company before its tickets: see ledger's lock order
        original = Ticket.objects.select_for_update(no_key=True).get(pk=ticket.pk)
        if original.is_closed:
            raise TicketClosed
        fields = TicketFields(request_type=original.request_type, requester_name=original.requester_name,
                              callback_phone=original.callback_phone, answer_email=original.answer_email,
                              subject=subject, description=text)
        try:
            new = open_ticket(company=original.company, contact=original.contact, fields=fields, by=by,
                              channel=original.channel, force_no_unit=not policy.split_uses_unit, confirm=False)
        except ledger.NoUnitsLeft as error:
            raise SplitRefused(_("%(company)s has no tickets left for the new one.")
                               % {"company": original.company.name}) from error
        if not policy.split_deadline_from_split:
            Ticket.objects.filter(pk=new.pk).update(created_at=original.created_at)
            new.refresh_from_db()
            from sportello.sla.tracking import refresh_ticket_sla

            refresh_ticket_sla(new)
            derived.refresh(new.pk)   # counted on the original's day, like its deadline
        TicketLink.objects.create(source=new, target=original, kind=TicketLink.Kind.SPLIT)
        original.events.create(kind=Event.Kind.SPLIT, actor=by, new_value=new.code)
        new.events.create(kind=Event.Kind.SPLIT, actor=by, new_value=original.code)
        emails.queue_split_notice(new=new, original=original, used_unit=policy.split_uses_unit)
    return new


def merge_tickets(*, duplicate, into, by) -> None:
    """The duplicate's messages and files move into the other ticket; the duplicate
    closes with a link, and its package unit is given back."""
    if duplicate.pk == into.pk:
        raise SplitRefused(_("A ticket cannot be merged into itself."))
    if duplicate.company_id != into.company_id:
        raise SplitRefused(_("Only tickets of the same company can be merged."))
    with transaction.atomic(), derived.written_once():
        # The company, then both tickets in id order: a refund of the duplicate running at
        # the same moment waits for the merge (or the merge for it) instead of deadlocking.
        ledger.lock_company(into.company)
        locked = {t.pk: t for t in Ticket.objects.select_for_update(no_key=True).filter(pk__in=[duplicate.pk, into.pk])
                  .order_by("pk")}
        duplicate, into = locked[duplicate.pk], locked[into.pk]
        if duplicate.is_closed or into.is_closed:
            raise TicketClosed
        now = timezone.now()
        # The duplicate's own request becomes a message of the surviving ticket.
        opening = Message.objects.create(ticket=into, author=duplicate.contact,
                                         author_name=duplicate.requester_name, created_at=duplicate.created_at,
                                         body=f"[{duplicate.code}] {duplicate.subject}\n\n{duplicate.description}")
        Attachment.objects.filter(ticket=duplicate, message=None, file_request=None).update(ticket=into,
                                                                                            message=opening)
        Message.objects.filter(ticket=duplicate).exclude(pk=opening.pk).update(ticket=into)
        Attachment.objects.filter(ticket=duplicate).update(ticket=into)
        FileRequest.objects.filter(ticket=duplicate).update(ticket=into)
        TicketLink.objects.create(source=duplicate, target=into, kind=TicketLink.Kind.MERGED)
        duplicate.events.create(kind=Event.Kind.MERGED, actor=by, new_value=into.code, created_at=now)
        into.events.create(kind=Event.Kind.MERGED, actor=by, new_value=duplicate.code, created_at=now)
        if duplicate.status in (Ticket.Status.OPEN, Ticket.Status.WAITING):
            duplicate.move_to(Ticket.Status.RESOLVED, by=by)
        duplicate.move_to(Ticket.Status.CLOSED, by=by)
        derived.refresh(duplicate.pk, into.pk)   # the messages moved: so does what finds them
        if duplicate.ledger_entries.filter(kind="consume").exists() and not duplicate.ledger_entries.filter(
                kind__in=["refund", "adjust"]).exists():
            ledger.refund_unit(ticket=duplicate, reason=ledger.RefundReason.DUPLICATE,
                               note=_("merged into %(code)s") % {"code": into.code}, by=by)
