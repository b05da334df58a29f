"""Canned answers: who may use and change which, and filling the placeholders from a
ticket when a technician inserts one in the composer."""

import re

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportello.refusals import Refused

from .models import CannedAnswer, FileRequest

# {name} in a text: the placeholders a technician may write, and what each becomes.
PLACEHOLDERS = {
    "cliente": _("the customer's name (who opened the ticket)"),
    "ticket": _("the ticket's code"),
    "azienda": _("the company's name"),
    "tecnico": _("your name"),
    "scadenza": _("the response deadline (dd-mm-yyyy hh:mm)"),
    "link_caricamento": _("the address where the customer sends files"),
}
PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
MAX_LISTED = 300


class CannedRefused(Refused):
    pass


def available_to(user):
    """The shared answers and the user's own, in title order (bounded)."""
    return CannedAnswer.objects.filter(Q(owner=None) | Q(owner=user), is_active=True).order_by("title", "id")


def may_change(user, answer):
    """A personal answer is its owner's; a shared one its author's and the supervisors'."""
    if answer.owner_id is not None:
        return answer.owner_id == user.pk
    return user.is_supervisor or answer.created_by_id == user.pk


def save_answer(*, answer, by, shared):
    if answer.pk and not may_change(by, answer):
        raise CannedRefused(_("Only its author or a supervisor can change this answer."))
    answer.owner = None if shared else by
    answer.created_by = answer.created_by or by
    answer.updated_at = timezone.now()
    answer.save()
    return answer


def retire_answer(*, answer, by):
    if not may_change(by, answer):
        raise CannedRefused(_("Only its author or a supervisor can delete this answer."))
    CannedAnswer.objects.filter(pk=answer.pk).update(is_active=False, updated_at=timezone.now())


def _upload_link(ticket):
    """The open file request's page if there is one, else the ticket in the reserved
    area, where the customer can reply with files."""
    open_request = (FileRequest.objects.filter(ticket=ticket, state=FileRequest.State.OPEN).order_by("-id")
                    .values_list("pk", flat=True).first())
    path = (reverse("portal:upload", args=[ticket.code, open_request]) if open_request
            else reverse("portal:ticket", args=[ticket.code]))
    return settings.SPORTELLO_BASE_URL.rstrip("/") + path


def fill(answer, *, ticket, technician):
    """The answer's text for this ticket: in the customer's language, placeholders
    replaced; counted as one use."""
    language = ticket.contact.language if ticket.contact_id else settings.LANGUAGE_CODE
    text = answer.body_en if language == "en" and answer.body_en.strip() else answer.body_it
    deadline = (timezone.localtime(ticket.response_due_at).strftime("%d-%m-%Y %H:%M") if ticket.response_pending
                else "")
    values = {"cliente": ticket.requester_name, "ticket": ticket.code, "azienda": ticket.company.name,
              "tecnico": technician.full_name, "scadenza": deadline}
    if "{link_caricamento}" in text:
        values["link_caricamento"] = _upload_link(ticket)
    CannedAnswer.objects.filter(pk=answer.pk).update(use_count=F("use_count") + 1, last_used_at=timezone.now())
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), text)
