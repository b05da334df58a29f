"""What is searchable in a ticket, as index terms per field. Built from the ticket,
its company, its messages and the e-mails received for it; rebuilt whole whenever
one of them changes (in the same transaction, see search.index)."""

import re
from collections import defaultdict
from dataclasses import dataclass

from .text import index_terms, language_of

# Fields of the index, in this order everywhere. Internal notes are a field apart so that
# customers' searches can leave them out. `scope` is never searched by words: it holds the
# ticket's company, contact, status and technician as terms, so that a customer's search,
# or one narrowed to new tickets, starts from that short list instead of every match of a
# common word.
FIELDS = ("code", "subject", "body", "people", "company", "notes", "scope")


def scope_terms(*, company_id=None, contact_id=None, status=None, assignee_id=None):
    """Index terms for the filters that are set most often: the customer's company or own
    tickets, the status, the technician ("anone" when nobody has the ticket)."""
    terms = [f"c{company_id}" if company_id else "", f"u{contact_id}" if contact_id else "",
             f"s{status}" if status else "", f"a{assignee_id}" if assignee_id else ""]
    return " ".join(term for term in terms if term)


def names_few_tickets(term):
    """A company's or one customer's scope term: it holds that company's tickets at most."""
    return term.startswith(("c", "u"))


UNASSIGNED = "anone"


@dataclass
class Document:
    ticket_id: int
    fields: dict   # field -> index terms

    def values(self):
        return [self.fields[name] for name in FIELDS]


def _code_terms(code):
    """"TK001234" is found as tk001234, 001234 and 1234 (and by any prefix of these)."""
    digits = code[2:]
    return " ".join(dict.fromkeys([code.lower(), digits, digits.lstrip("0") or "0"]))


def _phone_terms(phone):
    compact = re.sub(r"\D", "", phone or "")
    return f"{phone} {compact} {compact[-8:]}" if compact else ""


# A ticket's columns its document is built from (values() names; the company's through the join).
TICKET_COLUMNS = ("pk", "code", "subject", "description", "requester_name", "answer_email", "callback_phone",
                  "company_id", "contact_id", "status", "assignee_id", "company__name", "company__customer_code")


def columns_of(ticket):
    """TICKET_COLUMNS of a ticket instance with its company loaded."""
    return {"pk": ticket.pk, "code": ticket.code, "subject": ticket.subject, "description": ticket.description,
            "requester_name": ticket.requester_name, "answer_email": ticket.answer_email,
            "callback_phone": ticket.callback_phone, "company_id": ticket.company_id,
            "contact_id": ticket.contact_id, "status": ticket.status, "assignee_id": ticket.assignee_id,
            "company__name": ticket.company.name, "company__customer_code": ticket.company.customer_code}


def build(ticket, messages, received):
    """`ticket` a dict of TICKET_COLUMNS; `messages` as (body, is_internal, author name);
    `received` the full text of the e-mails received for it."""
    language = language_of(f"{ticket['subject']}\n{ticket['description']}")
    public = [body for body, internal, _name in messages if not internal]
    notes = [body for body, internal, _name in messages if internal]
    authors = {name for _body, _internal, name in messages if name}
    people = " ".join([ticket["requester_name"], ticket["answer_email"], _phone_terms(ticket["callback_phone"]),
                       *authors])
    return Document(ticket["pk"], {
        "code": _code_terms(ticket["code"]),
        "subject": index_terms(ticket["subject"], language),
        "body": index_terms("\n".join([ticket["description"], *public, *received]), language),
        "people": index_terms(people, "it"),
        "company": index_terms(f"{ticket['company__name']} {ticket['company__customer_code']}", "it"),
        "notes": index_terms("\n".join(notes), language),
        "scope": " ".join([scope_terms(company_id=ticket["company_id"], contact_id=ticket["contact_id"],
                                       status=ticket["status"], assignee_id=ticket["assignee_id"]),
                           "" if ticket["assignee_id"] else UNASSIGNED]).strip(),
    })


def build_many(ticket_ids, tickets=None):
    """Documents for many tickets in two queries (rebuilds, batches), or one when the
    caller read the tickets' TICKET_COLUMNS already (`tickets`, dicts)."""
    from django.db.models import BooleanField, Value

    from sportello.mail.models import InboundMail
    from sportello.tickets.models import Message, Ticket

    if tickets is None:
        tickets = Ticket.objects.filter(pk__in=ticket_ids).values(*TICKET_COLUMNS)
    # Messages and the mail that opened a ticket (replies are messages already) in one
    # statement; a mail's row has no author and is_internal NULL.
    written = Message.objects.filter(ticket_id__in=ticket_ids).values_list(
        "ticket_id", "id", "body", "is_internal", "author_name").order_by()
    mail = InboundMail.objects.filter(ticket_id__in=ticket_ids, ticket_message__isnull=True).annotate(
        internal=Value(None, BooleanField()), name=Value("")).values_list(
        "ticket_id", "id", "full_text", "internal", "name").order_by()
    messages, received = defaultdict(list), defaultdict(list)
    for ticket_id, _id, text, internal, name in written.union(mail, all=True).order_by("ticket_id", "id"):
        if internal is None:
            received[ticket_id].append(text)
        else:
            messages[ticket_id].append((text, internal, name))
    return [build(ticket, messages[ticket["pk"]], received[ticket["pk"]]) for ticket in tickets]
