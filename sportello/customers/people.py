"""A company's own people, managed by its administrators from the reserved area:
invite a colleague, make or revoke administrators (never the last one), retire a
contact and bring one back. Each change takes the company's row lock, so two
administrators demoting each other at once cannot leave the company without one,
and each is an audit row that supervisors see."""

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportello.accounts import audit
from sportello.accounts.models import User
from sportello.outbox import emails
from sportello.refusals import Refused

from .ledger import lock_company
from .models import Contact, Invitation

INVITATION_DAYS = 7


class PeopleRefused(Refused):
    pass


def _other_admins(contact):
    return (Contact.objects.filter(company_id=contact.company_id, is_company_admin=True, user__is_active=True)
            .exclude(pk=contact.pk).exists())


def _locked(contact):
    lock_company(contact.company)
    return Contact.objects.select_related("user", "company").get(pk=contact.pk)


def invite(*, company, by, email, full_name, phone="", make_admin=False):
    """A new contact of the company, who chooses a password through the e-mailed link."""
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise PeopleRefused(_("%(email)s already has a Sportello account.") % {"email": email})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        company = lock_company(company)
        try:
            with transaction.atomic():   # the same address invited twice at once: one wins
                user = User.objects.create_user(email, None, full_name=full_name, language=by.language)
        except IntegrityError:
            raise PeopleRefused(_("%(email)s already has a Sportello account.") % {"email": email}) from None
        contact = Contact.objects.create(user=user, company=company, phone=phone, is_company_admin=make_admin)
        invitation = Invitation.objects.create(contact=contact, token_hash=Invitation.hash(token), invited_by=by,
                                               expires_at=timezone.now() + timedelta(days=INVITATION_DAYS))
        emails.queue_invitation(user=user, company=company, invited_by=by, token=token,
                                expires_at=invitation.expires_at)
        audit.record(audit.Kind.CONTACT_INVITED, actor=by, target=email, company=company,
                     detail="administrator" if make_admin else "")
    return contact


def invite_again(*, contact, by):
    """A new link for a colleague who has not accepted yet; earlier links stop working."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        contact = _locked(contact)
        if contact.user.has_usable_password():
            raise PeopleRefused(_("%(name)s has already chosen a password.") % {"name": contact.user.full_name})
        contact.invitations.filter(accepted_at=None).update(expires_at=timezone.now())
        invitation = Invitation.objects.create(contact=contact, token_hash=Invitation.hash(token), invited_by=by,
                                               expires_at=timezone.now() + timedelta(days=INVITATION_DAYS))
        emails.queue_invitation(user=contact.user, company=contact.company, invited_by=by, token=token,
                                expires_at=invitation.expires_at)
        audit.record(audit.Kind.CONTACT_INVITED, actor=by, target=contact.user.email, company=contact.company,
                     detail="again")


def invitation_for(token):
    """The usable invitation behind a link, or None (unknown, used, expired, retired)."""
    invitation = (Invitation.objects.select_related("contact__user", "contact__company")
                  .filter(token_hash=Invitation.hash(token or "")).first())
    if invitation is None or not invitation.is_usable() or not invitation.contact.user.is_active:
        return None
    return invitation


def accept(*, invitation, password):
    """The colleague chose a password: the link is spent (at most once, even twice at once)."""
    with transaction.atomic():
        if not Invitation.objects.filter(pk=invitation.pk, accepted_at=None).update(accepted_at=timezone.now()):
            raise PeopleRefused(_("This invitation has already been used."))
        user = invitation.contact.user
        user.set_password(password)
        user.save(update_fields=["password"])
        audit.record(audit.Kind.CONTACT_JOINED, actor=user, target=user.email, company=invitation.contact.company)
    return user


def set_admin(*, contact, value, by):
    with transaction.atomic():
        contact = _locked(contact)
        if contact.is_company_admin == value:
            return contact
        if not value and not _other_admins(contact):
            raise PeopleRefused(_("%(name)s is the company's only administrator: make someone else administrator "
                                  "first.") % {"name": contact.user.full_name})
        contact.is_company_admin = value
        contact.save(update_fields=["is_company_admin"])
        audit.record(audit.Kind.COMPANY_ADMIN_CHANGED, actor=by, target=contact.user.email, company=contact.company,
                     detail="granted" if value else "revoked")
    return contact


def retire(*, contact, by):
    """The colleague left: no more logins (every session ends); their tickets stay theirs."""
    with transaction.atomic():
        contact = _locked(contact)
        user = contact.user
        if not user.is_active:
            return contact
        if user.pk == by.pk:
            raise PeopleRefused(_("You cannot retire yourself: another administrator can."))
        if contact.is_company_admin and not _other_admins(contact):
            raise PeopleRefused(_("%(name)s is the company's only administrator and cannot be retired.")
                                % {"name": user.full_name})
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.end_all_sessions()
        contact.invitations.filter(accepted_at=None).update(expires_at=timezone.now())
        audit.record(audit.Kind.CONTACT_RETIRED, actor=by, target=user.email, company=contact.company)
    return contact


def restore(*, contact, by):
    with transaction.atomic():
        contact = _locked(contact)
        if contact.user.is_active:
            return contact
        User.objects.filter(pk=contact.user_id).update(is_active=True)
        audit.record(audit.Kind.CONTACT_RESTORED, actor=by, target=contact.user.email, company=contact.company)
    return contact
