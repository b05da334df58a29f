"""A company administrator manages the company's people from the reserved area."""

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sportello.accounts.models import AuditEntry, User
from sportello.conftest import PASSWORD, log_in
from sportello.customers import people as company_people
from sportello.customers.models import Contact, Invitation
from sportello.outbox.models import OutboundMail


def _can_log_in(user):
    answer = Client().post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    return answer.status_code == 302


def _link(mail):
    return re.search(r"https?://\S+/accounts/invitation/\S+/", mail.body_text).group(0)


def test_an_administrator_invites_a_colleague_who_chooses_a_password(people, login):
    mario = login(people.mario)
    answer = mario.post(reverse("portal:people"), {"full_name": "Chiara Neri", "email": "Chiara.Neri@acme.test",
                                                  "phone": ""})
    assert answer.status_code == 302
    contact = Contact.objects.get(user__email="chiara.neri@acme.test")
    assert contact.company == people.acme and not contact.is_company_admin
    assert not contact.user.has_usable_password()
    mail = OutboundMail.objects.get(template="invitation")
    assert mail.to == ["chiara.neri@acme.test"] and "Mario Rossi" in mail.body_text and "Acme S.r.l." in mail.body_text
    path = _link(mail).split("127.0.0.1:8000")[-1]
    guest = Client()
    page = guest.get(path)
    assert page.status_code == 200 and "Chiara Neri" in page.content.decode()
    entered = guest.post(path, {"new_password1": "una-password-lunga-42", "new_password2": "una-password-lunga-42"})
    assert entered.status_code == 302 and entered["Location"] == reverse("portal:tickets")
    assert guest.get(reverse("portal:tickets")).status_code == 200
    # The link works once.
    assert Client().get(path).status_code == 404
    kinds = set(AuditEntry.objects.filter(company_id=people.acme.pk).values_list("kind", flat=True))
    assert {"contact_invited", "contact_joined"} <= kinds


def test_an_expired_or_unknown_invitation_says_so(people):
    contact = company_people.invite(company=people.acme, by=people.mario, email="luigi@acme.test", full_name="Luigi")
    mail = OutboundMail.objects.get(template="invitation")
    Invitation.objects.filter(contact=contact).update(expires_at=timezone.now() - timedelta(minutes=1))
    page = Client().get(_link(mail).split("127.0.0.1:8000")[-1])
    assert page.status_code == 404 and "non è più valido" in page.content.decode()
    assert Client().get(reverse("accounts:invitation", args=["indovinato"])).status_code == 404


def test_an_address_that_already_has_an_account_is_refused_in_words(people, login):
    answer = login(people.mario).post(reverse("portal:people"), {"full_name": "Luca", "email": "LUCA@beta.test"})
    assert answer.status_code == 200 and "ha già un account" in answer.content.decode()
    assert Contact.objects.filter(user__email="luca@beta.test").get().company == people.beta


def test_the_last_administrator_can_be_neither_demoted_nor_retired(people, login):
    mario = login(people.mario)
    refused = mario.post(reverse("portal:revoke_admin", args=[people.mario.contact.pk]), follow=True)
    assert "unico amministratore" in refused.content.decode()
    people.mario.contact.refresh_from_db()
    assert people.mario.contact.is_company_admin
    mario.post(reverse("portal:make_admin", args=[people.giulia.contact.pk]))
    assert Contact.objects.get(user=people.giulia).is_company_admin
    assert "non può disattivare se stesso" in mario.post(reverse("portal:retire_contact", args=[
        people.mario.contact.pk]), follow=True).content.decode().lower()
    mario.post(reverse("portal:revoke_admin", args=[people.mario.contact.pk]))
    assert not Contact.objects.get(user=people.mario).is_company_admin
    # Mario is no administrator any more: the page is gone for him.
    assert mario.get(reverse("portal:people")).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_administrators_demoting_each_other_at_once_leave_one(people):
    company_people.set_admin(contact=people.giulia.contact, value=True, by=people.mario)
    start, results = threading.Barrier(2), []

    def demote(contact, by):
        try:
            start.wait(timeout=10)
            company_people.set_admin(contact=contact, value=False, by=by)
            results.append("done")
        except company_people.PeopleRefused:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=(people.mario.contact, people.giulia)),
               threading.Thread(target=demote, args=(people.giulia.contact, people.mario))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["done", "refused"]
    assert Contact.objects.filter(company=people.acme, is_company_admin=True).count() == 1


def test_a_retired_colleague_cannot_log_in_and_keeps_their_tickets(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    giulia = Client()
    log_in(giulia, people.giulia)
    login(people.mario).post(reverse("portal:retire_contact", args=[people.giulia.contact.pk]))
    assert not User.objects.get(pk=people.giulia.pk).is_active
    assert giulia.get(reverse("portal:tickets")).status_code == 302            # the open session ended
    assert not _can_log_in(people.giulia)
    ticket.refresh_from_db()
    assert ticket.contact == people.giulia
    assert ticket.code in login(people.mario).get(reverse("portal:tickets")).content.decode()
    login(people.mario).post(reverse("portal:restore_contact", args=[people.giulia.contact.pk]))
    assert _can_log_in(people.giulia)


def test_an_administrator_never_reaches_another_companys_people(people, login):
    mario = login(people.mario)
    luca = people.luca.contact
    for name in ("make_admin", "revoke_admin", "retire_contact", "restore_contact", "invite_again"):
        assert mario.post(reverse(f"portal:{name}", args=[luca.pk])).status_code == 404, name
    assert people.luca.email not in mario.get(reverse("portal:people")).content.decode()
    assert User.objects.get(pk=people.luca.pk).is_active and Contact.objects.get(pk=luca.pk).is_company_admin
    # A contact who is not an administrator has no such page.
    giulia = Client()
    log_in(giulia, people.giulia)
    assert giulia.get(reverse("portal:people")).status_code == 404
    assert giulia.post(reverse("portal:retire_contact", args=[people.mario.contact.pk])).status_code == 404


def test_a_new_invitation_replaces_the_old_link(people):
    contact = company_people.invite(company=people.acme, by=people.mario, email="sara@acme.test", full_name="Sara")
    first = _link(OutboundMail.objects.get(template="invitation"))
    company_people.invite_again(contact=contact, by=people.mario)
    second = _link(OutboundMail.objects.filter(template="invitation").order_by("-id").first())
    assert first != second
    assert Client().get(first.split("127.0.0.1:8000")[-1]).status_code == 404
    assert Client().get(second.split("127.0.0.1:8000")[-1]).status_code == 200
