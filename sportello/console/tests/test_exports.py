"""Every ticket list downloads whole, with its filters and order, as CSV for Italian
Excel and as XLSX with real dates; the download is in the audit trail."""

import csv
import io
from datetime import datetime

from django.utils import timezone
from openpyxl import load_workbook

from sportello.accounts import audit
from sportello.accounts.models import AuditEntry, User
from sportello.tickets import actions
from sportello.tickets.models import Ticket
from sportello.web import exports


def test_a_filtered_list_downloads_whole_in_its_order(people, open_ticket_for, login):
    acme = [open_ticket_for(people.giulia, subject=f"Acme {n}") for n in range(30)]   # more than a page
    open_ticket_for(people.luca, subject="Beta")
    actions.reply_to_customer(ticket=acme[0], author=people.anna, body="Ecco la risposta")
    client = login(people.anna)
    response = client.get("/console/tickets/", {"company": "acme", "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff") and response["Content-Disposition"].startswith("attachment")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert table[0][:3] == ["Codice", "Inserito", "Azienda"]
    assert [row[0] for row in table[1:]] == [t.code for t in reversed(acme)]   # newest first, as on screen
    claimed = next(row for row in table if row[0] == acme[0].code)
    assert claimed[7] == "In lavorazione" and claimed[9] == "Anna Tecnico"
    assert AuditEntry.objects.filter(kind="export", actor=people.anna).exists()

    response = client.get("/console/tickets/", {"company": "acme", "sort": "deadline", "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert len(rows) == 31 and isinstance(rows[1][1], datetime)
    assert rows[1][0] != acme[0].code   # the answered one owes nothing: last by deadline
    assert rows[-1][0] == acme[0].code


def test_each_column_says_what_the_ticket_says(people, open_ticket_for, login):
    """The export reads values, not tickets: each cell must still be what the ticket's own
    fields and labels say, for a ticket answered and claimed and one still owed an answer."""
    answered, owed = open_ticket_for(people.giulia, subject="Stampa bloccata"), open_ticket_for(people.mario)
    actions.reply_to_customer(ticket=answered, author=people.anna, body="Ecco la risposta")
    Ticket.objects.filter(pk=owed.pk).update(priority=Ticket.Priority.URGENT, channel=Ticket.Channel.PHONE)
    response = login(people.anna).get("/console/tickets/", {"format": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff")), delimiter=";"))

    def shown(moment):
        return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M") if moment else ""

    rows = {row[0]: row for row in table[1:]}
    for ticket in Ticket.objects.filter(pk__in=[answered.pk, owed.pk]).select_related("company", "assignee"):
        assert rows[ticket.code] == [
            ticket.code, shown(ticket.created_at), ticket.company.name, ticket.company.customer_code, ticket.subject,
            ticket.request_type.name, ticket.get_channel_display(), ticket.get_status_display(),
            ticket.get_priority_display(), ticket.assignee.full_name if ticket.assignee else "",
            shown(ticket.response_due_at) if ticket.response_pending else "", shown(ticket.first_response_at),
            {True: "sì", False: "no"}.get(ticket.first_response_met, ""), shown(ticket.updated_at)]
    assert rows[owed.code][6:10] == ["Telefono", "Nuovo", "Urgente", ""] and rows[owed.code][10]
    assert rows[answered.code][9:13] == ["Anna Tecnico", "", shown(answered.messages.first().created_at), "sì"]


def test_too_long_a_list_for_excel_says_so_and_offers_the_csv(people, open_ticket_for, login, monkeypatch):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 2)
    for n in range(3):
        open_ticket_for(people.giulia, subject=f"Richiesta {n}")
    client = login(people.anna)
    response = client.get("/console/", {"format": "xlsx"}, follow=True)
    assert "troppi per Excel" in response.text
    assert response.redirect_chain[-1][0] == "/console/?"


def test_the_audit_trail_downloads_with_its_filters(people, login):
    client = login(people.silvia)
    client.get("/console/tickets/", {"format": "csv"})   # an export: recorded
    response = client.get("/console/audit/", {"kind": "export", "format": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff")),
                            delimiter=";"))
    assert table[0][:2] == ["Quando", "Evento"]
    # Both exports: the list, and this download itself (recorded before the rows are read).
    assert [row[2] for row in table[1:]] == ["Silvia Supervisore"] * 2 and table[1][1] == "Dati esportati"
    assert login(people.anna).get("/console/audit/", {"format": "csv"}).status_code == 403


def test_a_company_s_every_movement_downloads(people, open_ticket_for, login):
    open_ticket_for(people.giulia)
    response = login(people.anna).get(f"/console/companies/{people.acme.pk}/movements/", {"format": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff")),
                            delimiter=";"))
    assert [row[1:3] for row in table[1:]] == [["Acquisto", "100"], ["Ticket aperto", "-1"]]


def test_each_audit_column_says_what_the_entry_says(people, login):
    """The audit export reads values, not entries: each cell must still be the entry's own
    field or label, for a person with an account, an address typed with none, an actor
    whose name is empty and an entry with no address."""
    nameless = User.objects.create_user("senzanome@sportello.test", "x", full_name="")
    AuditEntry.objects.create(kind=AuditEntry.Kind.LOGIN_FAILED, actor_label="sconosciuto@example.com",
                              address="192.0.2.7")
    audit.record(audit.Kind.EXPORT, actor=nameless, target="prova", company=people.acme)
    client = login(people.silvia)
    client.get("/console/tickets/", {"format": "csv"})
    response = client.get("/console/audit/", {"format": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff")),
                            delimiter=";"))
    entries = list(AuditEntry.objects.select_related("actor").order_by("-id"))
    assert len(table) - 1 == len(entries) >= 5
    for row, entry in zip(table[1:], entries, strict=True):
        assert row == [timezone.localtime(entry.created_at).strftime("%d-%m-%Y %H:%M"), entry.get_kind_display(),
                       entry.actor.full_name if entry.actor else entry.actor_label, entry.target,
                       entry.company_name, entry.detail, entry.address or ""]
    assert ["sconosciuto@example.com", "192.0.2.7"] in [[row[2], row[6]] for row in table[1:]]
    assert ["", "prova", "Acme S.r.l."] in [row[2:5] for row in table[1:]]
