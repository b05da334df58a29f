"""A random day at the desk, for property tests of derived data (search index,
rollups): every kind of change the actions make, in any order, over several days.
Used only by tests; lives here so the tests of every side table replay the same desk."""

from datetime import timedelta
from unittest import mock

from django.utils import timezone

OPERATIONS = ["open", "claim", "reply", "wait", "customer", "note", "file", "resolve", "reopen", "close", "split",
              "merge", "reassign", "urgent", "panel", "later", "delete", "mail new", "mail reply", "mail auto"]


class Clock:
    """timezone.now() under the script's control, so tickets live over several days."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now


def play(steps, people, open_ticket_for, *, days_ago=20):
    """Run `steps` — (operation, number) pairs — starting `days_ago` days back. Operations
    that do not apply to the ticket picked (closing a new one twice…) are skipped."""
    from sportello.mail.inbound import receive
    from sportello.outbox.emails import ticket_reply_address
    from sportello.tickets import actions
    from sportello.tickets.models import RequestType, Ticket, TopicSettings
    from sportello.tickets.topic_actions import merge_tickets, split_ticket

    clock = Clock(timezone.now() - timedelta(days=days_ago))
    with mock.patch("django.utils.timezone.now", clock):
        tickets = [open_ticket_for(people.giulia, subject="Primo", description="Stampa bloccata")]
        for operation, pick in steps:
            ticket = Ticket.objects.filter(pk=tickets[pick % len(tickets)].pk).first()
            if operation == "open":
                tickets.append(open_ticket_for(people.luca if pick % 2 else people.giulia, subject=f"Nuovo {pick}",
                                               description="Il backup non termina"))
            elif operation == "mail new":   # a contact writes to the desk, forwarding a colleague's mail
                inbound, _new = receive(mail(people.giulia.email, desk_address(), f"Via e-mail {pick}",
                                             "Vedete sotto, per favore.\n\n> Da: Mario\n> La liquidità non torna",
                                             attachments=pick % 2))
                if inbound.ticket_id:
                    tickets.append(inbound.ticket)
            elif operation == "later":
                clock.now += timedelta(hours=5 * pick + 1)
            elif ticket is None or ticket.is_closed:
                continue
            elif operation == "claim" and ticket.status == "new":
                actions.claim_ticket(ticket=ticket, technician=people.anna)
            elif operation == "reply":
                actions.reply_to_customer(ticket=ticket, author=people.paolo, body=f"Risposta {pick}")
            elif operation == "wait" and ticket.status == "open":
                actions.change_status(ticket=ticket, status="waiting", by=people.anna)
            elif operation == "customer":
                actions.reply_as_customer(ticket=ticket, author=ticket.contact, body="Ancora bloccato")
            elif operation == "note":
                actions.add_internal_note(ticket=ticket, author=people.anna, body="Nota interna")
            elif operation == "file" and ticket.status in ("new", "open", "waiting"):
                actions.request_file(ticket=ticket, by=people.anna, description="Il log")
            elif operation == "resolve" and ticket.status in ("open", "waiting"):
                actions.change_status(ticket=ticket, status="resolved", by=people.anna)
            elif operation == "reopen" and ticket.status == "resolved":
                actions.change_status(ticket=ticket, status="open", by=people.anna)
            elif operation == "close" and ticket.status in ("resolved", "new"):
                actions.change_status(ticket=ticket, status="closed", by=people.anna)
            elif operation == "split":
                # Half the splits keep the original's opening time (a supervisors' setting).
                TopicSettings.objects.update_or_create(pk=1, defaults={"split_deadline_from_split": pick % 2 == 0})
                tickets.append(split_ticket(ticket=ticket, text="Seconda domanda", subject="Diviso", by=people.anna))
            elif operation == "merge":
                other = Ticket.objects.filter(company=ticket.company).exclude(pk=ticket.pk).exclude(
                    status="closed").first()
                if other is not None:
                    merge_tickets(duplicate=ticket, into=other, by=people.anna)
            elif operation == "reassign":
                actions.reassign_ticket(ticket=ticket, to=people.paolo if pick % 2 else people.anna, by=people.silvia)
            elif operation == "urgent":
                actions.set_priority(ticket=ticket, priority="urgent" if pick % 2 else "normal", by=people.silvia)
            elif operation == "panel":   # several properties saved at once, by a supervisor
                actions.update_properties(
                    ticket=ticket, by=people.silvia, priority="urgent" if pick % 2 else "normal",
                    request_type=RequestType.objects.exclude(pk=ticket.request_type_id).order_by("pk")[pick % 3],
                    assignee=people.paolo if ticket.assignee_id != people.paolo.pk else people.anna,
                    status="waiting" if ticket.status in ("new", "open") else None)
            elif operation == "mail reply":   # from an address with no account: not the contact
                receive(mail("collega@acme.test", ticket_reply_address(ticket), f"Re: {ticket.subject}",
                             "Risposta per e-mail: le stampe ripartono", attachments=pick % 2))
            elif operation == "mail auto":    # kept in the ticket's mail, and found with it
                receive(mail(ticket.answer_email, ticket_reply_address(ticket), "Fuori ufficio",
                             "Sono assente fino a lunedì", headers={"Auto-Submitted": "auto-replied"}))
            elif operation == "delete":
                ticket.ledger_entries.all().delete()   # what protects a ticket from deletion
                ticket.delete()


def desk_address():
    from django.conf import settings

    return f"{settings.SPORTELLO_MAIL_LOCAL_PART}@{settings.SPORTELLO_MAIL_DOMAIN}"


def mail(sender, to, subject, body, *, attachments=0, headers=None):
    """A raw e-mail as it reaches the desk. `attachments`: with a file, and an empty one
    that is refused (an internal note says why)."""
    from email.message import EmailMessage
    from email.utils import make_msgid

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Message-ID"] = make_msgid(domain="acme.test")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if attachments:
        message.add_attachment(b"2026-12-01 backup interrotto", maintype="text", subtype="plain", filename="log.txt")
        message.add_attachment(b"", maintype="application", subtype="octet-stream", filename="vuoto.dat")
    return message.as_bytes()


def enough_units(people, units=100):
    """Property-test examples share one database: each brings the units its openings need."""
    from sportello.customers import ledger
    from sportello.customers.models import PackageProduct

    product = PackageProduct.objects.get_or_create(name="Scorta", defaults={"units": units})[0]
    for company in (people.acme, people.beta):
        ledger.record_purchase(company=company, product=product, purchased_on=ledger.today() - timedelta(days=30),
                               by=None)
