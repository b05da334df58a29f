"""One topic per ticket: the customer is warned and can split; the technician answers
only the first topic, splits, merges duplicates — messages, files and units follow."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sportello.customers import ledger
from sportello.outbox.models import OutboundMail
from sportello.tickets import actions
from sportello.tickets.models import Attachment, Event, RequestType, Ticket, TicketLink, TopicSettings
from sportello.tickets.topic_actions import merge_tickets, split_ticket

TWO_PROBLEMS = "1. La stampa delle fatture si blocca con errore 1042.\n2. Il backup notturno non parte da lunedì."


def shared():
    return {"request_type": RequestType.objects.get(name="Malfunzionamento").pk, "requester_name": "Giulia Bianchi",
            "callback_phone": "02 1234 5678", "answer_email": "giulia@acme.test"}


def form(**extra):
    return {"request_type": RequestType.objects.get(name="Malfunzionamento").pk, "requester_name": "Giulia Bianchi",
            "callback_phone": "02 1234 5678", "answer_email": "giulia@acme.test", "subject": "Due problemi",
            "description": TWO_PROBLEMS, **extra}


def test_customer_is_warned_and_nothing_is_sent_until_she_decides(people, login):
    client = login(people.giulia)
    page = client.post("/portal/tickets/new/", form()).text
    assert "La Sua richiesta sembra riguardare 2 argomenti." in page and "Dividi in 2 ticket" in page
    assert not Ticket.objects.exists()
    response = client.post("/portal/tickets/new/", form(one_topic_confirmed="1"))
    assert response.status_code == 302 and Ticket.objects.count() == 1


def test_customer_splits_into_one_ticket_per_topic_each_using_a_unit(people, login):
    client = login(people.giulia)
    before = ledger.available_units(people.acme)
    page = client.post("/portal/tickets/new/", form(split="1")).text
    assert "Due problemi (1/2)" in page and "Il backup notturno non parte da lunedì." in page
    response = client.post("/portal/tickets/new/split/", {
        **shared(), "topic_subject": ["Stampa fatture", "Backup notturno"],
        "topic_description": ["La stampa delle fatture si blocca con errore 1042.",
                              "Il backup notturno non parte da lunedì."]})
    assert response.status_code == 302
    assert sorted(Ticket.objects.values_list("subject", flat=True)) == ["Backup notturno", "Stampa fatture"]
    assert ledger.available_units(people.acme) == before - 2


def test_what_customers_do_with_the_warning_is_counted_for_the_reports(people, login):
    from sportello.reports.activity import one_topic
    from sportello.reports.periods import Period

    def counts():
        figures = one_topic(Period.around("month", timezone.localdate()))
        return figures["warned"], figures["customer_split"], figures["kept"]

    client = login(people.giulia)
    client.post("/portal/tickets/new/", form(suggest_form="modulo-1"))
    client.post("/portal/tickets/new/", form(suggest_form="modulo-1", subject="Due problemi, corretto"))
    assert counts() == (1, 0, 0)   # the same form warned twice counts once
    client.post("/portal/tickets/new/", form(suggest_form="modulo-1", one_topic_confirmed="1"))
    assert counts() == (1, 0, 1)
    # Confirming a form that was never warned (a script, an old page) counts nothing.
    client.post("/portal/tickets/new/", form(suggest_form="modulo-x", one_topic_confirmed="1"))
    assert counts() == (1, 0, 1)
    client.post("/portal/tickets/new/", form(suggest_form="modulo-2"))
    client.post("/portal/tickets/new/split/", {
        **shared(), "topic_subject": ["Stampa fatture", "Backup notturno"],
        "topic_description": ["La stampa delle fatture si blocca con errore 1042.",
                              "Il backup notturno non parte da lunedì."]})
    assert counts() == (2, 1, 1)
    # A split refused for want of units opens nothing and counts nothing.
    ledger.adjust_units(company=people.acme, units=1 - ledger.available_units(people.acme),
                        package=people.acme.packages.get(), reason="test", by=None)
    client.post("/portal/tickets/new/split/", {
        **shared(), "topic_subject": ["Uno", "Due"], "topic_description": ["Primo problema serio", "Secondo problema"]})
    assert counts() == (2, 1, 1) and Ticket.objects.count() == 4


def test_split_is_all_or_nothing_when_units_run_short(people, login):
    package = people.acme.packages.get()
    ledger.adjust_units(company=people.acme, units=1 - ledger.available_units(people.acme), package=package,
                        reason="test", by=None)
    response = login(people.giulia).post("/portal/tickets/new/split/", {
        **shared(), "topic_subject": ["Uno", "Due"], "topic_description": ["Primo problema serio", "Secondo problema"]})
    assert "non è stato inviato nulla" in response.text and not Ticket.objects.exists()
    assert ledger.available_units(people.acme) == 1


def test_prefilled_links_fill_the_new_ticket_form(people, login):
    page = login(people.giulia).get("/portal/tickets/new/", {"subject": "Backup", "description": "Non parte"}).text
    assert 'value="Backup"' in page and ">\nNon parte</textarea>" in page


def test_technician_answers_only_the_first_topic_in_one_click(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia, description=TWO_PROBLEMS)
    client = login(people.anna)
    page = client.get(f"/console/tickets/{ticket.code}/").text
    assert "in questo ticket rispondiamo al primo" in page and "/portal/tickets/new/?subject=" in page
    body = "Testo modificato: apra un altro ticket per il backup."
    client.post(f"/console/tickets/{ticket.code}/one-topic/", {"body": body})
    reply = OutboundMail.objects.get(template="public_reply")
    assert body in reply.body_text
    assert ticket.events.filter(kind=Event.Kind.ONE_TOPIC, actor=people.anna).exists()


def test_split_keeps_everything_and_follows_the_settings(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia, description=TWO_PROBLEMS)
    actions.reply_as_customer(ticket=ticket, author=people.giulia, body="Allego il log")
    before = ledger.available_units(people.acme)
    new = split_ticket(ticket=ticket, text="Il backup notturno non parte da lunedì.", subject="Backup",
                       by=people.anna)
    assert (new.company, new.contact, new.answer_email) == (ticket.company, ticket.contact, ticket.answer_email)
    assert ticket.messages.count() == 1 and new.description == "Il backup notturno non parte da lunedì."
    assert ledger.available_units(people.acme) == before - 1
    assert new.created_at > ticket.created_at
    assert TicketLink.objects.filter(source=new, target=ticket, kind="split").exists()
    notice = OutboundMail.objects.get(template="ticket_split")
    assert notice.to == [ticket.answer_email] and ticket.code in notice.body_text
    assert "usa un ticket del suo pacchetto" in notice.body_text
    assert Ticket.objects.visible_to(people.giulia).filter(pk=new.pk).exists()
    assert not Ticket.objects.visible_to(people.luca).filter(pk=new.pk).exists()

    TopicSettings.objects.update_or_create(pk=1, defaults={"split_uses_unit": False,
                                                           "split_deadline_from_split": False})
    free = split_ticket(ticket=ticket, text="Un terzo argomento da separare", subject="Terzo", by=people.anna)
    assert ledger.available_units(people.acme) == before - 1 and not free.ledger_entries.exists()
    assert free.created_at == Ticket.objects.get(pk=ticket.pk).created_at


def test_merge_moves_messages_and_files_closes_and_refunds(people, login, open_ticket_for):
    original = open_ticket_for(people.giulia, subject="Stampa bloccata")
    duplicate = open_ticket_for(people.mario, subject="Stampa bloccata anche da me")
    client = login(people.mario)
    client.post(f"/portal/tickets/{duplicate.code}/reply/", {
        "body": "Ecco la schermata", "files": [SimpleUploadedFile("schermata.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)]})
    units = ledger.available_units(people.acme)
    response = login(people.anna).post(f"/console/tickets/{duplicate.code}/merge/", {"into": original.code.lower()})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == Ticket.Status.CLOSED and duplicate.messages.count() == 0
    moved = original.messages.all()
    assert [m.body.split("\n")[0] for m in moved] == [f"[{duplicate.code}] Stampa bloccata anche da me",
                                                       "Ecco la schermata"]
    assert Attachment.objects.get().ticket == original
    assert ledger.available_units(people.acme) == units + 1
    page = login(people.mario).get(f"/portal/tickets/{duplicate.code}/").text
    assert original.code in page and "questo ticket vi è stato unito" in page


def test_merge_never_crosses_companies(people, login, open_ticket_for):
    acme = open_ticket_for(people.giulia)
    beta = open_ticket_for(people.luca)
    page = login(people.anna).post(f"/console/tickets/{beta.code}/merge/", {"into": acme.code}).text
    assert "Si possono unire solo ticket della stessa azienda." in page
    assert Ticket.objects.get(pk=beta.pk).status == Ticket.Status.NEW
    try:
        merge_tickets(duplicate=beta, into=acme, by=people.anna)
    except Exception as refusal:
        assert "same company" in str(refusal) or "stessa azienda" in str(refusal)
    else:
        raise AssertionError("merging across companies must be refused")


def test_linked_tickets_both_ways_only_those_the_viewer_may_see(people, open_ticket_for, django_assert_num_queries):
    """A ticket shows what was split from it, what it was split from and what was merged
    into it, in the order it happened, and only the tickets the viewer may open. A ticket
    without links (nearly all) costs one narrow query."""
    from sportello.tickets.links import linked_tickets

    original = open_ticket_for(people.giulia, subject="Stampa e fatture")
    duplicate = open_ticket_for(people.mario, subject="Stampa bloccata anche da me")
    alone = open_ticket_for(people.giulia, subject="Nessun legame")
    merge_tickets(duplicate=duplicate, into=original, by=people.anna)
    part = split_ticket(ticket=original, text="Le fatture non partono", subject="Fatture", by=people.anna)

    def shown(ticket, viewer):
        return [(link["ticket"].code, link["ticket"].subject, link["kind"], link["outgoing"])
                for link in linked_tickets(ticket, Ticket.objects.visible_to(viewer))]

    assert shown(original, people.mario) == [
        (duplicate.code, duplicate.subject, TicketLink.Kind.MERGED, False),
        (part.code, "Fatture", TicketLink.Kind.SPLIT, False)]
    assert shown(part, people.mario) == [(original.code, original.subject, TicketLink.Kind.SPLIT, True)]
    assert shown(duplicate, people.mario) == [(original.code, original.subject, TicketLink.Kind.MERGED, True)]
    assert Ticket.objects.visible_to(people.giulia).filter(pk=duplicate.pk).exists() is False
    assert [code for code, *_ in shown(original, people.giulia)] == [part.code]
    with django_assert_num_queries(1):
        assert linked_tickets(alone, Ticket.objects.visible_to(people.giulia)) == []
