from datetime import timedelta

from django.utils import timezone

from sportello.outbox.models import OutboundMail
from sportello.tickets.models import Event, RequestType, Ticket


def form_data(**overrides):
    data = {
        "request_type": RequestType.objects.get(name="Installazione").pk,
        "requester_name": "Giulia Bianchi",
        "callback_phone": "02 1234 5678",
        "answer_email": "amministrazione@acme.test",
        "subject": "Installazione su un nuovo PC",
        "description": "Abbiamo un nuovo PC in amministrazione da configurare.",
    }
    data.update(overrides)
    return data


def test_form_is_prefilled_and_states_the_one_topic_rule(people, login):
    page = login(people.giulia).get("/portal/tickets/new/").text
    assert 'value="Giulia Bianchi"' in page
    assert 'value="giulia@acme.test"' in page
    assert "Un argomento per ticket" in page
    assert "Richiesta informazioni" in page


def test_opening_a_ticket_records_it_and_queues_the_confirmation(people, login):
    client = login(people.giulia)
    response = client.post("/portal/tickets/new/", form_data())
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response.url == f"/portal/tickets/{ticket.code}/"
    assert ticket.company == people.acme and ticket.contact == people.giulia
    assert ticket.answer_email == "amministrazione@acme.test"
    assert ticket.channel == Ticket.Channel.WEB and ticket.status == Ticket.Status.NEW
    assert list(ticket.events.values_list("kind", flat=True)) == [Event.Kind.CREATED, Event.Kind.UNIT_USED]
    assert ticket.ledger_entries.get().units == -1
    mail = OutboundMail.objects.get()
    assert mail.to == ["amministrazione@acme.test"] and mail.subject.startswith(f"[{ticket.code}]")
    page = client.get(response.url).text
    assert f"Il ticket {ticket.code} è stato aperto" in page


def test_bad_input_shows_italian_errors_and_keeps_what_was_typed(people, login):
    response = login(people.giulia).post("/portal/tickets/new/", form_data(
        callback_phone="chiamatemi", answer_email="non-una-mail", description="aiuto",
        subject="Oggetto che deve restare"))
    assert response.status_code == 200
    page = response.text
    assert "Inserisca un numero di telefono" in page
    assert "Inserisci un indirizzo email valido" in page
    assert "Descriva il problema con qualche parola in più" in page
    assert 'value="Oggetto che deve restare"' in page and 'value="chiamatemi"' in page
    assert not Ticket.objects.exists() and not OutboundMail.objects.exists()


def test_retired_request_types_are_not_offered_but_old_tickets_keep_them(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    ticket.request_type.is_active = False
    ticket.request_type.save()
    client = login(people.giulia)
    assert "Malfunzionamento" not in client.get("/portal/tickets/new/").text
    assert "Malfunzionamento" in client.get(f"/portal/tickets/{ticket.code}/").text
    response = client.post("/portal/tickets/new/", form_data(request_type=ticket.request_type.pk))
    assert response.status_code == 200 and Ticket.objects.count() == 1


def test_the_request_type_is_read_once_and_an_unknown_one_is_refused_in_words(people, login):
    """The field checks the type among the active ones; the model's own check of the key
    would read it a second time on every opening."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, data = login(people.giulia), form_data()
    with CaptureQueriesContext(connection) as queries:
        assert client.post("/portal/tickets/new/", data).status_code == 302
    table = RequestType._meta.db_table
    assert sum(f'FROM "{table}"' in q["sql"] for q in queries) == 1
    for unknown in (999_999, "x"):
        response = client.post("/portal/tickets/new/", form_data(request_type=unknown))
        assert response.status_code == 200 and "La scelta effettuata non compare tra quelle disponibili" in response.text
    assert Ticket.objects.count() == 1


def test_list_shows_code_italian_date_type_and_filters_by_status(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    client = login(people.giulia)
    page = client.get("/portal/").text
    assert ticket.code in page
    from django.utils import timezone

    assert f"<td data-label=\"Inserito\" class=\"nowrap\">{timezone.localtime(ticket.created_at):%d-%m-%Y}</td>" in page
    assert "Malfunzionamento" in page
    assert ticket.code not in client.get("/portal/?status=closed").text
    assert ticket.code in client.get("/portal/?status=new").text


def test_customer_sees_the_public_reply_but_not_internal_notes(people, login, open_ticket_for):
    from sportello.tickets import actions

    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    actions.add_internal_note(ticket=ticket, author=people.anna, body="Cliente da richiamare, nota interna")
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Ecco la soluzione pubblica")
    page = login(people.giulia).get(f"/portal/tickets/{ticket.code}/").text
    assert "Ecco la soluzione pubblica" in page
    assert "nota interna" not in page


def test_customer_reply_notifies_the_assignee(people, login, open_ticket_for):
    from sportello.tickets import actions

    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    response = login(people.giulia).post(f"/portal/tickets/{ticket.code}/reply/", {"body": "Ecco il file di log"})
    assert response.status_code == 302
    notice = OutboundMail.objects.filter(template="customer_replied").get()
    assert notice.to == [people.anna.email] and "Ecco il file di log" in notice.body_text


def test_empty_reply_is_refused_and_nothing_is_stored(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    response = login(people.giulia).post(f"/portal/tickets/{ticket.code}/reply/", {"body": "   "})
    assert response.status_code == 200 and "Questo campo è obbligatorio" in response.text
    assert not ticket.messages.exists()


def test_a_late_answer_is_told_in_words_not_as_a_date_in_the_past(people, login, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    client = login(people.giulia)
    due = timezone.localtime(ticket.response_due_at).strftime("%d-%m-%Y %H:%M")
    assert due in client.get(f"/portal/tickets/{ticket.code}/").text
    Ticket.objects.filter(pk=ticket.pk).update(response_due_at=timezone.now() - timedelta(hours=1),
                                               response_at_risk_at=timezone.now() - timedelta(hours=3))
    page = client.get(f"/portal/tickets/{ticket.code}/").text
    assert "Siamo in ritardo con la risposta" in page and "Risposta prevista entro" in page
    assert timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%d-%m-%Y %H:%M") not in page


def test_the_error_summary_names_each_field_to_fix_with_a_link(people, login):
    page = login(people.giulia).post("/portal/tickets/new/", form_data(subject="", callback_phone="non so")).text
    summary = page[page.index('class="error-summary"'):page.index("</ul>", page.index('class="error-summary"'))]
    assert 'href="#id_subject">Oggetto</a>' in summary and 'href="#id_callback_phone">' in summary
    assert "Corregga questi campi:" in page
    assert "Tipo di richiesta" not in summary   # only the fields that need fixing
