"""A customer sends a screenshot with the new ticket: stored with the ticket, listed
on its page with a link; a refused file keeps everything unwritten and says why."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sportello.customers.models import LedgerEntry
from sportello.tickets.models import Attachment, RequestType, Ticket

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def fields(**extra):
    return {"request_type": RequestType.objects.get(name="Malfunzionamento").pk, "requester_name": "Giulia Bianchi",
            "callback_phone": "02 1234 5678", "answer_email": "giulia@acme.test", "subject": "Errore in stampa",
            "description": "Compare questo errore quando stampo il registro.", "one_topic_confirmed": "1", **extra}


def test_the_screenshot_arrives_with_the_ticket(people, login):
    giulia = login(people.giulia)
    answer = giulia.post(reverse("portal:new_ticket"), fields(files=[SimpleUploadedFile("errore.png", PNG)]))
    ticket = Ticket.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("portal:ticket", args=[ticket.code])
    attachment = Attachment.objects.get(ticket=ticket)
    assert (attachment.original_name, attachment.message, attachment.uploaded_by) == ("errore.png", None, people.giulia)
    page = giulia.get(answer["Location"]).text
    assert f'href="/portal/attachments/{attachment.pk}/"' in page
    assert f'/console/attachments/{attachment.pk}/' in login(people.anna).get(
        reverse("console:ticket", args=[ticket.code])).text


def test_a_refused_file_opens_nothing_and_spends_nothing(people, login):
    giulia = login(people.giulia)
    before = LedgerEntry.objects.count()
    answer = giulia.post(reverse("portal:new_ticket"), fields(files=[
        SimpleUploadedFile("errore.png", PNG), SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\x00" * 200)]))
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "“setup.exe” è un programma" in text and "Errore in stampa" in text   # what was typed stays
    assert not Ticket.objects.exists() and LedgerEntry.objects.count() == before
    assert not Attachment.objects.exists()
