"""Mail that must be neither lost nor crash anything: over-long headers, control
characters, newsletters from strangers, forged Reply-To, Bcc'd support address.
Run on SQLite and PostgreSQL (SQLite does not enforce column sizes, PostgreSQL does)."""

import io

import pytest
from django.core.management import call_command

from sportello.mail.inbound import receive
from sportello.mail.models import InboundMail
from sportello.outbox.models import OutboundMail
from sportello.tickets.models import Ticket

LONG = "Fattura elettronica scartata dal Sistema di Interscambio " * 40   # ~2,300 characters


def mail(*, sender="mario@acme.test", name="Mario Rossi", subject="Richiesta", body="Buongiorno,\nnon stampa.",
         extra="", to="assistenza@sportello.example", message_id="<m1@acme.test>"):
    return (f"From: {name} <{sender}>\nTo: {to}\nSubject: {subject}\nMessage-ID: {message_id}\n{extra}"
            f"Content-Type: text/plain; charset=utf-8\n\n{body}\n").encode()


@pytest.mark.parametrize("header", ["Subject", "From-name", "Message-ID", "To", "References", "In-Reply-To"])
def test_over_long_headers_are_cut_to_their_columns_and_nothing_is_lost(people, header):
    values = {"subject": "Richiesta", "name": "Mario Rossi", "message_id": "<m1@acme.test>",
              "to": "assistenza@sportello.example", "extra": ""}
    if header == "Subject":
        values["subject"] = LONG
    elif header == "From-name":
        values["name"] = LONG
    elif header == "Message-ID":
        values["message_id"] = f"<{'x' * 600}@acme.test>"
    elif header == "To":
        values["to"] = ", ".join(f"persona{n}@acme.test" for n in range(300)) + ", assistenza@sportello.example"
    else:
        values["extra"] = f"{header}: " + " ".join(f"<id{n}-{'y' * 40}@acme.test>" for n in range(100)) + "\n"
    stored, new = receive(mail(**values))
    assert new and stored.pk is not None
    assert stored.outcome == InboundMail.Outcome.OPENED
    ticket = stored.ticket
    assert len(ticket.subject) <= Ticket._meta.get_field("subject").max_length
    assert len(stored.subject) <= InboundMail._meta.get_field("subject").max_length
    if header == "Subject":
        assert ticket.subject == LONG[:200] and stored.subject == LONG[:250]
    # The same message again is recognised, even with its over-long Message-ID.
    assert receive(mail(**values))[1] is False


def test_control_characters_from_malformed_mail_never_reach_the_ticket(people):
    body = "Errore\x1b[31m rosso\x7f\x0b\x0c fine\x00.\tTab ok\r\nRiga due"
    stored, _ = receive(mail(subject="Stampa\x1b bloccata\x08", body=body))
    ticket = stored.ticket
    for text in (ticket.subject, ticket.description, stored.subject, stored.full_text, stored.body_text):
        assert not any(ord(c) < 32 and c not in "\t\n" or 0x7f <= ord(c) <= 0x9f for c in text), repr(text)
    assert ticket.subject == "Stampa bloccata"
    assert "Errore[31m rosso fine.\tTab ok\nRiga due" in ticket.description


def test_a_newsletter_from_a_stranger_waits_in_triage_marked_automatic_and_is_never_answered(people, login):
    outbox = OutboundMail.objects.count()
    raw = mail(sender="news@fornitore.test", name="Fornitore News", subject="Novità di novembre",
               extra="Precedence: bulk\nList-Id: <news.fornitore.test>\nList-Unsubscribe: <mailto:u@f.test>\n"
                     "Reply-To: <noreply@fornitore.test>\n")
    stored, _ = receive(raw)
    assert stored.outcome == InboundMail.Outcome.TRIAGE and stored.is_automatic
    assert stored.sender == "news@fornitore.test"   # From:, not Reply-To:
    client = login(people.silvia)
    page = client.get("/console/mail/triage/").text
    assert "Novità di novembre" in page and "news@fornitore.test" in page and "automatica" in page
    assert "Novità di novembre" in client.get("/console/mail/triage/?kind=automatic").text
    assert "Novità di novembre" not in client.get("/console/mail/triage/?kind=people").text
    # Turned into a ticket by a supervisor, it still gets no automatic answer.
    response = client.post(f"/console/mail/triage/{stored.pk}/open/", {f"mail{stored.pk}-company": "C0001"})
    assert response.status_code == 302 and InboundMail.objects.get(pk=stored.pk).ticket.company == people.acme
    assert OutboundMail.objects.count() == outbox


def test_the_sender_is_from_not_a_forged_reply_to(people):
    """A stranger cannot pass for a contact by naming the contact's address in Reply-To."""
    raw = mail(sender="intruso@altrove.test", name="Intruso", extra="Reply-To: mario@acme.test\n")
    stored, _ = receive(raw)
    assert stored.outcome == InboundMail.Outcome.TRIAGE and stored.sender == "intruso@altrove.test"
    assert not Ticket.objects.exists()


def test_a_contacts_reply_to_address_receives_the_answers(people):
    raw = mail(extra="Reply-To: Ufficio Acme <ufficio@acme.test>\n")
    stored, _ = receive(raw)
    assert stored.ticket.contact == people.mario and stored.ticket.answer_email == "ufficio@acme.test"
    assert OutboundMail.objects.get(template="ticket_opened").to == ["ufficio@acme.test"]


def test_the_envelope_recipient_routes_a_reply_whose_headers_do_not_name_us(people, open_ticket_for, monkeypatch,
                                                                              capsys):
    ticket = open_ticket_for(people.giulia)
    address = f"assistenza+t-{ticket.reply_token}@sportello.example"
    raw = mail(sender="giulia@acme.test", to="lista-interna@acme.test", body="Ecco il dato richiesto.",
               message_id="<bcc@acme.test>")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    call_command("receive_mail", "--recipient", address)
    stored = InboundMail.objects.get()
    assert (stored.outcome, stored.ticket, stored.reason) == (InboundMail.Outcome.ADDED, ticket, "reply address")


@pytest.mark.django_db(transaction=True)
def test_the_same_message_stored_by_another_worker_meanwhile_leaves_no_second_file(people, file_storage):
    """Two workers polling the mailbox fetch the same message: the one that loses the
    race stops at the row, before writing a raw file that no row would point to."""
    from django.core.files.storage import default_storage

    from sportello.mail.parsing import parse
    from sportello.testing import while_held

    raw = (b"From: giulia@acme.test\nTo: assistenza@sportello.example\nSubject: Stampa bloccata\n"
           b"Message-ID: <doppio-1@acme.test>\n\nLa stampa si blocca.\n")

    def stored_by_the_other_worker():
        InboundMail.objects.create(fingerprint=parse(raw).fingerprint, message_id="<doppio-1@acme.test>",
                                   sender="giulia@acme.test", outcome=InboundMail.Outcome.TRIAGE)

    # The other worker is still storing it (for a second) when this one gets there.
    (stored, new), _in_time = while_held(stored_by_the_other_worker, lambda: receive(raw), seconds=1)
    assert not new and InboundMail.objects.count() == 1 and stored.ticket_id is None
    assert stored_files(default_storage, "inbound") == []


@pytest.mark.django_db(transaction=True)
def test_a_message_whose_routing_fails_leaves_neither_row_nor_file(people, file_storage, monkeypatch):
    from django.core.files.storage import default_storage

    from sportello.mail import inbound

    def broken(*args):
        raise RuntimeError("routing failed")

    monkeypatch.setattr(inbound, "_route", broken)
    with pytest.raises(RuntimeError):
        receive(b"From: giulia@acme.test\nTo: assistenza@sportello.example\nSubject: Ciao\n\nTesto\n")
    assert not InboundMail.objects.exists()
    assert stored_files(default_storage, "inbound") == []


def stored_files(storage, folder):
    """Every file under `folder`, in the local folder or the bucket."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    return [f"{folder}/{name}" for name in files] + [
        path for sub in folders for path in stored_files(storage, f"{folder}/{sub}")]
