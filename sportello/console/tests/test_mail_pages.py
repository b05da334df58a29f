from django.utils import translation

from sportello.mail.inbound import receive
from sportello.mail.models import InboundMail
from sportello.mail.tests.mailcorpus import message
from sportello.outbox.models import OutboundMail
from sportello.tickets.models import Ticket


def test_supervisor_opens_a_ticket_from_triage_for_the_right_company(people, login):
    mail, _ = receive(message("unknown_sender"))
    client = login(people.silvia)
    form = f"mail{mail.pk}-company"
    page = client.get("/console/mail/triage/").text
    assert f'id="id_{form}"' in page and "Beta S.p.A.</option>" not in page   # typed, not a list of all
    # A part of a name several companies share, or none has, opens nothing and says why.
    response = client.post(f"/console/mail/triage/{mail.pk}/open/", {form: "s."})
    assert "Più aziende corrispondono (Acme S.r.l., Beta S.p.A.)" in response.text and not Ticket.objects.exists()
    assert 'value="s."' in response.text   # what was typed stays, under its message
    response = client.post(f"/console/mail/triage/{mail.pk}/open/", {form: "Gamma"})
    assert "Nessuna azienda attiva ha questo codice cliente o nome." in response.text
    response = client.post(f"/console/mail/triage/{mail.pk}/open/", {form: "beta"})
    ticket = Ticket.objects.get()
    assert response.url == f"/console/tickets/{ticket.code}/"
    assert ticket.company == people.beta and ticket.answer_email == "info@sconosciuto.test"
    assert InboundMail.objects.get(pk=mail.pk).outcome == InboundMail.Outcome.OPENED
    assert "Niente da smistare." in client.get("/console/mail/triage/").text


def test_a_company_is_found_by_its_customer_code_in_any_case(people, login):
    mail, _ = receive(message("unknown_sender"))
    login(people.silvia).post(f"/console/mail/triage/{mail.pk}/open/", {f"mail{mail.pk}-company": " c0001 "})
    assert Ticket.objects.get().company == people.acme


def test_discarded_mail_leaves_the_triage_list_but_stays_in_the_log(people, login):
    mail, _ = receive(message("unknown_sender"))
    login(people.silvia).post(f"/console/mail/triage/{mail.pk}/discard/")
    mail.refresh_from_db()
    assert mail.outcome == InboundMail.Outcome.IGNORED and "Silvia Supervisore" in mail.reason


def test_failed_mail_is_shown_and_can_be_sent_again(people, login, open_ticket_for,
                                                    django_capture_on_commit_callbacks):
    open_ticket_for(people.giulia)
    OutboundMail.objects.update(state=OutboundMail.State.FAILED, attempts=10, last_error=(
        "SMTPRecipientsRefused: {'giulia@acme.test': (550, b'5.1.1 User unknown')}"))
    mail = OutboundMail.objects.get()
    client = login(people.silvia)
    page = client.get("/console/mail/undelivered/").text
    assert "Il server di posta ha rifiutato l&#x27;indirizzo del destinatario" in page and "Invia di nuovo" in page
    assert "Dettagli tecnici" in page and "User unknown" in page   # the server's words, folded away
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(f"/console/mail/undelivered/{mail.pk}/retry/")
    mail.refresh_from_db()
    assert mail.state == OutboundMail.State.PENDING and mail.attempts == 0 and len(callbacks) == 1
    assert login(people.anna).get("/console/mail/undelivered/").status_code == 403


def test_attachments_download_only_for_those_who_may_see_the_ticket(people, login, open_ticket_for):
    mail, _ = receive(message("forwarded_with_attachment"))  # Mario opens a ticket with a PDF
    pdf = mail.ticket.attachments.get(content_type="application/pdf")
    client = login(people.mario)
    response = client.get(f"/portal/attachments/{pdf.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "fattura_%C3%A8_154%20ottobre.pdf" in response["Content-Disposition"]
    assert login(people.luca).get(f"/portal/attachments/{pdf.pk}/").status_code == 404
    assert login(people.anna).get(f"/console/attachments/{pdf.pk}/").status_code == 200
    page = login(people.mario).get(f"/portal/tickets/{mail.ticket.code}/").text
    assert "fattura_è_154 ottobre.pdf" in page


def test_the_console_shows_the_trimmed_reply_and_the_full_original(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    receive(message("outlook_reply_it", ticket=ticket))
    page = login(people.anna).get(f"/console/tickets/{ticket.code}/").text
    assert "E-mail originale" in page and "-----Messaggio originale-----" in page


def test_a_mail_interrupted_while_sending_is_shown_and_can_be_resent(people, login, open_ticket_for):
    from datetime import timedelta

    from django.utils import timezone

    open_ticket_for(people.giulia)
    mail = OutboundMail.objects.get()
    OutboundMail.objects.filter(pk=mail.pk).update(state=OutboundMail.State.SENDING, attempts=1,
                                                   next_attempt_at=timezone.now() - timedelta(hours=1))
    client = login(people.silvia)
    assert "Interrotto durante l'invio" in client.get("/console/mail/undelivered/").text
    client.post(f"/console/mail/undelivered/{mail.pk}/retry/")
    mail.refresh_from_db()
    assert mail.state == OutboundMail.State.PENDING


def test_every_delivery_problem_is_told_in_words(people):
    from smtplib import SMTPAuthenticationError, SMTPRecipientsRefused, SMTPServerDisconnected

    from sportello.outbox.problems import in_words

    def said(error, retrying=True):
        with translation.override("it"):
            return in_words(last_error=f"{type(error).__name__}: {error}", retrying=retrying)

    assert "rifiutato l'indirizzo del destinatario" in said(SMTPRecipientsRefused({"x@y.it": (550, b"no")}))
    assert "credenziali" in said(SMTPAuthenticationError(535, b"bad"))
    assert "ritentato" in said(ConnectionRefusedError(111, "Connection refused"))
    assert "ritentato" in said(SMTPServerDisconnected("closed"))
    assert "invii di nuovo" in said(TimeoutError("timed out"), retrying=False).lower() or \
        "invia di nuovo" in said(TimeoutError("timed out"), retrying=False).lower()
    assert "imprevisto" in said(ValueError("strano"))
    with translation.override("it"):
        assert "ha rimandato indietro" in in_words(bounce_reason="550 5.1.1 mailbox unavailable")
        assert in_words() == ""
