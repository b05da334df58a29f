""""Trasforma in articolo": a resolved ticket's question and answer become a draft
article, with the customer's details taken out — the ticket's people, company, e-mail
addresses, phone numbers and VAT numbers, whether the ticket names them or they only
appear in the text. The technician reviews the draft before publishing."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from .articles import save_article
from .models import Article

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)(?:\+|00)?\d[\d .\-/]{6,}\d(?!\w)")
VAT = re.compile(r"(?i)\b(?:IT)?\d{11}\b")


def _known(ticket):
    """The names this ticket gives for its customer (longest first, so "Mario Rossi"
    goes before "Mario")."""
    names = {ticket.requester_name, ticket.company.name}
    if ticket.contact_id:
        names.add(ticket.contact.full_name)
    names |= {part for name in list(names) for part in name.split() if part.isalpha() and len(part) > 3}
    return sorted({name.strip() for name in names if name and len(name.strip()) > 2}, key=len, reverse=True)


def strip_details(text, ticket):
    text = EMAIL.sub(_("[e-mail]"), text)
    text = VAT.sub(_("[VAT number]"), text)
    text = PHONE.sub(_("[phone]"), text)
    for name in _known(ticket):
        text = re.sub(rf"(?i)\b{re.escape(name)}\b", _("[customer]"), text)
    return text


def draft_from_ticket(*, ticket, by):
    """The question (the ticket's description) and the staff's public answers, stripped."""
    replies = [message.body for message in ticket.messages.filter(is_internal=False, author__isnull=False)
               .select_related("author").order_by("created_at") if message.author.is_support_staff]
    question, answer = _("Question"), _("Answer")
    body = "\n\n".join([f"## {question}", strip_details(ticket.description, ticket), f"## {answer}",
                        *(strip_details(reply, ticket) for reply in replies)])
    with transaction.atomic():
        return save_article(article=Article(title=strip_details(ticket.subject, ticket)[:200], body=body,
                                            request_type=ticket.request_type), by=by)
