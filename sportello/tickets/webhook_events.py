"""What other systems hear about tickets (through outbox.webhooks): the ticket as the
API shows it in short, plus what happened."""

from django.urls import reverse

from sportello.outbox.webhooks import queue_event


def _ticket(ticket):
    return {
        "code": ticket.code, "url": reverse("api:ticket-detail", kwargs={"code": ticket.code}),
        "company": ticket.company.reference(),
        "subject": ticket.subject, "status": ticket.status, "priority": ticket.priority, "channel": ticket.channel,
        "assignee": {"id": ticket.assignee_id, "name": ticket.assignee.full_name} if ticket.assignee_id else None,
        "created_at": ticket.created_at, "updated_at": ticket.updated_at,
    }


def ticket_event(event, ticket, **extra):
    """Call inside the transaction of the change."""
    return queue_event(event, lambda: {"ticket": _ticket(ticket), **extra})


def message_event(event, message):
    return ticket_event(event, message.ticket, message={
        "id": message.pk, "author": message.written_by, "body": message.body, "created_at": message.created_at})
