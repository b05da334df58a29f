"""One properties panel: status, priority, request type and (supervisors) technician,
each change through its own rules and history row, all or nothing."""

from sportello.tickets.models import Event, RequestType, Ticket


def post(client, ticket, **changes):
    fields = {"status": ticket.status, "priority": ticket.priority, "request_type": ticket.request_type_id,
              "technician": ticket.assignee_id or ""}
    return client.post(f"/console/tickets/{ticket.code}/properties/", {**fields, **changes})


def test_several_properties_change_at_once_each_with_its_history_row(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    installation = RequestType.objects.exclude(pk=ticket.request_type_id).first()
    silvia = login(people.silvia)
    answer = post(silvia, ticket, priority="urgent", request_type=installation.pk, technician=people.paolo.pk,
                  status="waiting")
    assert answer.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.request_type, ticket.assignee, ticket.status) == (
        "urgent", installation, people.paolo, "waiting")
    kinds = list(ticket.events.filter(actor=people.silvia).values_list("kind", flat=True))
    assert kinds.count(Event.Kind.REQUEST_TYPE) == kinds.count(Event.Kind.PRIORITY) == 1
    assert Event.Kind.ASSIGNED in kinds and kinds.count(Event.Kind.STATUS) == 2   # new → open → waiting
    page = silvia.get(f"/console/tickets/{ticket.code}/").text
    assert f"Tipo di richiesta: Malfunzionamento → {installation.name}" in page


def test_a_refused_change_leaves_every_property_as_it_was(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    answer = post(login(people.anna), ticket, priority="urgent", status="resolved")   # new cannot become resolved
    assert answer.status_code == 200 and "non può diventare" in answer.text
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.status) == ("normal", "new")
    assert not ticket.events.filter(kind=Event.Kind.PRIORITY).exists()


def test_nothing_changed_writes_nothing(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    before = ticket.events.count()
    assert post(login(people.anna), ticket).status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).events.count() == before


def test_the_conversation_shows_what_happened_between_messages(people, login, open_ticket_for):
    from django.core.files.base import ContentFile

    from sportello.tickets import actions
    from sportello.tickets.files import check_file, store_file

    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    request = actions.request_file(ticket=ticket, by=people.anna, description="La schermata dell'errore")
    stream = ContentFile(b"%PDF-1.4 schermata", name="errore.pdf")
    checked = check_file(ticket=ticket, name="errore.pdf", stream=stream, size=stream.size)
    stored = store_file(ticket=ticket, checked=checked, stream=stream, file_request=request, by=people.giulia)
    actions.complete_file_request(file_request=request, by=people.giulia)
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Trovato il problema, ecco la soluzione.")
    page = login(people.anna).get(f"/console/tickets/{ticket.code}/").text
    conversation = page[page.index('id="conversation-title"'):page.index('id="composer"')]
    lines = ["Unità del pacchetto usata", "Preso in carico da Anna Tecnico", "Stato: Nuovo → In lavorazione",
             "File richiesto: La schermata", "File ricevuto: errore.pdf", "Trovato il problema"]
    positions = [conversation.index(line) for line in lines]
    assert positions == sorted(positions)
    assert f'href="/console/attachments/{stored.pk}/"' in conversation   # the file, right in the conversation


def test_handing_over_a_new_ticket_alone_is_not_a_status_change(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)   # "new": the handover itself makes it "open"
    assert post(login(people.silvia), ticket, technician=people.paolo.pk).status_code == 302
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.status) == (people.paolo, "open")
