"""One function per e-mail Sportello sends. Each writes an outbox row inside the
caller's transaction; delivery is enqueued only once that transaction commits."""

import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import OutboundMail


def _link(path):
    return settings.SPORTELLO_BASE_URL + path


def _thread_headers(ticket, to, first):
    """In-Reply-To and References chained to the ticket's earlier e-mails to the
    same people (the customer's thread and the technician's stay apart)."""
    if ticket is None or first:
        return "", ""
    earlier = list(OutboundMail.objects.filter(ticket=ticket, to=list(to))
                   .order_by("-id").values_list("message_id", flat=True)[:10])
    earlier.reverse()
    return (earlier[-1] if earlier else ""), " ".join(earlier)


def ticket_reply_address(ticket):
    """Replies to this address land in the ticket, whatever the subject says."""
    return (f"{settings.SPORTELLO_MAIL_LOCAL_PART}+t-{ticket.reply_token}@{settings.SPORTELLO_MAIL_DOMAIN}")


def automatic_replies_allowed(address):
    """Flood and loop guard: at most SPORTELLO_AUTO_REPLIES_PER_DAY automatic mails to one address a day."""
    since, limit = timezone.now() - timedelta(days=1), settings.SPORTELLO_AUTO_REPLIES_PER_DAY
    recent = OutboundMail.objects.filter(auto_recipient=address.strip().lower(), created_at__gte=since)
    return recent.order_by().values("pk")[:limit].count() < limit


def new_message_id():
    """A Message-ID no other mail has: the time in hundredths of a second and 64 bits from
    the operating system. make_msgid() takes its bits from the `random` module, which
    whatever seeds it again (a library, a test framework) makes repeat: two mails of one
    process in the same hundredth were alike, and the outbox refused the second. Short
    enough that the header is not folded onto a second line."""
    return f"<{int(time.time() * 100)}.{secrets.token_hex(8)}@{settings.SPORTELLO_MAIL_DOMAIN}>"


def _queue(template, *, to, language, context, ticket=None, auto_generated=True, reply_to="", first=False):
    """`first`: the ticket's first e-mail (its confirmation), which starts the thread."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{template}/subject.txt", context).split())
        body_text = render_to_string(f"emails/{template}/body.txt", context)
        body_html = render_to_string(f"emails/{template}/body.html", context)
    if ticket is not None:
        subject = f"[{ticket.code}] {subject}"
    in_reply_to, references = _thread_headers(ticket, to, first)
    to = list(to)
    mail = OutboundMail.objects.create(
        ticket=ticket,
        template=template,
        to=to,
        subject=subject[:250],
        body_text=body_text,
        body_html=body_html,
        message_id=new_message_id(),
        in_reply_to=in_reply_to,
        references=references,
        auto_generated=auto_generated,
        auto_recipient=to[0].strip().lower() if auto_generated and len(to) == 1 else "",
        language=language,
        reply_to=reply_to,
    )
    from .tasks import deliver_mail

    transaction.on_commit(lambda: deliver_mail.enqueue(mail.pk))
    return mail


def _customer_language(ticket):
    return ticket.contact.language if ticket.contact_id else settings.LANGUAGE_CODE


def queue_ticket_confirmation(ticket):
    return _queue("ticket_opened", to=[ticket.answer_email.lower()], language=_customer_language(ticket),
                  ticket=ticket, reply_to=ticket_reply_address(ticket), first=True,
                  context={"ticket": ticket, "link": _link(reverse("portal:ticket", args=[ticket.code]))})


def queue_public_reply(message):
    ticket = message.ticket
    return _queue("public_reply", to=[ticket.answer_email.lower()], language=_customer_language(ticket),
                  ticket=ticket, auto_generated=False, reply_to=ticket_reply_address(ticket),
                  context={"ticket": ticket, "message": message,
                           "link": _link(reverse("portal:ticket", args=[ticket.code]))})


def queue_customer_reply_notice(message):
    ticket = message.ticket
    return _queue("customer_replied", to=[ticket.assignee.email], language=ticket.assignee.language, ticket=ticket,
                  context={"ticket": ticket, "message": message,
                           "link": _link(reverse("console:ticket", args=[ticket.code]))})


def queue_assignment_notice(ticket, *, technician):
    return _queue("ticket_assigned", to=[technician.email], language=technician.language, ticket=ticket,
                  context={"ticket": ticket, "link": _link(reverse("console:ticket", args=[ticket.code]))})


def queue_invitation(*, user, company, invited_by, token, expires_at):
    link = _link(reverse("accounts:invitation", args=[token]))
    return _queue("invitation", to=[user.email], language=user.language, auto_generated=False, context={
        "user": user, "company": company, "invited_by": invited_by, "link": link, "expires_at": expires_at})


def queue_password_reset(*, user, context):
    link = _link(reverse("accounts:password_reset_confirm", args=[context["uid"], context["token"]]))
    return _queue("password_reset", to=[user.email], language=user.language, context={"user": user, "link": link})


def queue_low_balance_notice(*, user, company, balance, policy):
    return _queue("package_low_balance", to=[user.email], language=user.language,
                  context={"user": user, "company": company, "balance": balance, "policy": policy,
                           "link": _link(reverse("portal:packages"))})


def queue_package_expiring_notice(*, user, package):
    return _queue("package_expiring", to=[user.email], language=user.language,
                  context={"user": user, "package": package, "link": _link(reverse("portal:packages"))})


def queue_contract_expiring_notice(*, user, contract, for_staff):
    link = (_link(reverse("console:company", args=[contract.company_id])) if for_staff
            else _link(reverse("portal:contracts")))
    return _queue("contract_expiring", to=[user.email], language=user.language,
                  context={"user": user, "contract": contract, "link": link, "for_staff": for_staff})


def queue_release_notice(*, user, release):
    return _queue("release_published", to=[user.email], language=user.language,
                  context={"user": user, "release": release, "link": _link(reverse("portal:downloads"))})


def queue_sla_warning(*, ticket, user, missed):
    return _queue("sla_missed" if missed else "sla_at_risk", to=[user.email], language=user.language, ticket=ticket,
                  context={"ticket": ticket, "user": user,
                           "link": _link(reverse("console:ticket", args=[ticket.code]))})


def queue_no_units_by_email(*, user, to, subject, policy):
    return _queue("no_units_by_email", to=[to.lower()], language=user.language,
                  context={"user": user, "subject": subject, "policy": policy, "link": _link(reverse("portal:packages"))})


def queue_file_request(file_request):
    ticket = file_request.ticket
    return _queue("file_requested", to=[ticket.answer_email.lower()], language=_customer_language(ticket),
                  ticket=ticket, auto_generated=False, reply_to=ticket_reply_address(ticket),
                  context={"ticket": ticket, "file_request": file_request,
                           "link": _link(reverse("portal:upload", args=[ticket.code, file_request.pk]))})


def queue_files_received(*, ticket, file_request, files):
    return _queue("files_received", to=[ticket.assignee.email], language=ticket.assignee.language, ticket=ticket,
                  context={"ticket": ticket, "file_request": file_request, "files": files,
                           "link": _link(reverse("console:ticket", args=[ticket.code]))})


def queue_callback_confirmation(callback):
    user = callback.contact
    return _queue("callback_requested", to=[user.email], language=user.language,
                  context={"callback": callback, "user": user, "link": _link(reverse("portal:phone"))})


def queue_callback_warning(*, callback, user, missed):
    return _queue("callback_missed" if missed else "callback_at_risk", to=[user.email], language=user.language,
                  context={"callback": callback, "link": _link(reverse("console:callbacks"))})


def queue_split_notice(*, new, original, used_unit):
    return _queue("ticket_split", to=[new.answer_email.lower()], language=_customer_language(new), ticket=new,
                  reply_to=ticket_reply_address(new),
                  context={"ticket": new, "original": original, "used_unit": used_unit,
                           "link": _link(reverse("portal:ticket", args=[new.code]))})
