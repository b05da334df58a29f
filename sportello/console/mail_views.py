"""Supervisors' view of the e-mail channel: mail from unknown senders waiting for
triage, and outgoing mail that could not be delivered."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.access import supervisors_only
from sportello.customers.company_field import CompanyField
from sportello.customers.ledger import NoUnitsLeft
from sportello.keyset import keyset_page
from sportello.mail.models import InboundMail
from sportello.outbox.models import OutboundMail
from sportello.outbox.tasks import deliver_mail
from sportello.text import CleanTextForm
from sportello.tickets import actions
from sportello.tickets.models import RequestType, Ticket

from .views import sidebar_counts


class TriageForm(CleanTextForm, forms.Form):
    company = CompanyField(label=gettext_lazy("Open a ticket for"))


def _triage_form(pk, data=None):
    """One form per message, each with its own field ids."""
    return TriageForm(data, prefix=f"mail{pk}")


TRIAGE_KINDS = {"people": False, "automatic": True}


@supervisors_only
def triage(request):
    return _triage_page(request)


def _triage_page(request, refused=None):
    """The messages to sort; `refused`, a form that did not validate, stays under its
    message with what was typed and why it was refused."""
    mail = InboundMail.objects.filter(outcome=InboundMail.Outcome.TRIAGE)
    kind = request.GET.get("kind", "")
    if kind in TRIAGE_KINDS:
        mail = mail.filter(is_automatic=TRIAGE_KINDS[kind])
    page = keyset_page(mail, request.GET, size=20)
    items = [(item, refused if refused is not None and refused.prefix == f"mail{item.pk}"
              else _triage_form(item.pk)) for item in page.items]
    if refused is not None and all(form is not refused for _item, form in items):
        for error in refused.errors.get("company", []):   # its message is further down the list
            messages.error(request, error)
    return render(request, "console/triage.html", {"page": page, "items": items, "kind": kind,
                                                   "counts": sidebar_counts(request)})


@supervisors_only
@require_POST
def triage_open(request, pk):
    inbound = get_object_or_404(InboundMail, pk=pk, outcome=InboundMail.Outcome.TRIAGE)
    form = _triage_form(pk, request.POST)
    if not form.is_valid():
        return _triage_page(request, refused=form)
    fields = actions.TicketFields(
        request_type=RequestType.objects.filter(is_active=True).order_by("position").last(),
        requester_name=inbound.sender_name or inbound.sender, callback_phone="—", answer_email=inbound.sender,
        subject=inbound.subject or _("(no subject)"), description=inbound.body_text or inbound.full_text or "—")
    try:
        with transaction.atomic():
            # Automatic mail (newsletters, notices) never gets an automatic answer.
            ticket = actions.open_ticket(company=form.cleaned_data["company"], fields=fields,
                                         channel=Ticket.Channel.EMAIL, by=request.user,
                                         confirm=not inbound.is_automatic)
            InboundMail.objects.filter(pk=inbound.pk).update(outcome=InboundMail.Outcome.OPENED, ticket=ticket,
                                                             reason=f"triage: {request.user.full_name}"[:250])
    except NoUnitsLeft:
        messages.error(request, _("%(company)s has no tickets left.") % {"company": form.cleaned_data["company"]})
        return redirect("console:triage")
    messages.success(request, _("Ticket %(code)s opened.") % {"code": ticket.code})
    return redirect("console:ticket", code=ticket.code)


@supervisors_only
@require_POST
def triage_discard(request, pk):
    InboundMail.objects.filter(pk=pk, outcome=InboundMail.Outcome.TRIAGE).update(
        outcome=InboundMail.Outcome.IGNORED, reason=f"discarded: {request.user.full_name}"[:250])
    messages.success(request, _("Message discarded."))
    return redirect("console:triage")


# A mail still "being sent" after this long was interrupted (a worker died mid-send).
STUCK_AFTER = timedelta(minutes=15)


def _stuck():
    return Q(state=OutboundMail.State.SENDING, next_attempt_at__lt=timezone.now() - STUCK_AFTER)


@supervisors_only
def undelivered(request):
    problems = OutboundMail.objects.filter(Q(state=OutboundMail.State.FAILED) | Q(bounced_at__isnull=False)
                                           | Q(state=OutboundMail.State.PENDING, attempts__gt=0) | _stuck())
    page = keyset_page(problems.select_related("ticket"), request.GET, size=30)
    return render(request, "console/undelivered.html", {"page": page, "counts": sidebar_counts(request)})


@supervisors_only
@require_POST
def retry(request, pk):
    """Send a failed mail again now (a supervisor fixed the address or the server), or
    one interrupted while being sent: it may or may not have left, so a person decides."""
    with transaction.atomic():
        again = OutboundMail.objects.filter(Q(state=OutboundMail.State.FAILED) | _stuck(), pk=pk).update(
            state=OutboundMail.State.PENDING, next_attempt_at=timezone.now(), attempts=0)
        if again:
            transaction.on_commit(lambda: deliver_mail.enqueue(pk))
    messages.success(request, _("The message will be sent again.") if again else _("Nothing to retry."))
    return redirect("console:undelivered")
