"""The supervisors' dashboard and reports: every figure equals a recount from the
tickets themselves, pages cost the same number of queries whatever the volume, and
reports download as files Italian Excel opens."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from sportello.mail.models import InboundMail
from sportello.outbox.models import OutboundMail
from sportello.phone.models import CallbackRequest
from sportello.tickets import actions
from sportello.tickets.models import NO_DEADLINE, Ticket


def busy_desk(people, open_ticket_for, n=4):
    tickets = [open_ticket_for(people.giulia if i % 2 else people.luca, subject=f"Richiesta {i}") for i in range(n)]
    actions.claim_ticket(ticket=tickets[0], technician=people.anna)
    actions.reply_to_customer(ticket=tickets[0], author=people.anna, body="Ecco la soluzione", then_status="resolved")
    actions.claim_ticket(ticket=tickets[1], technician=people.paolo)
    actions.reply_to_customer(ticket=tickets[1], author=people.paolo, body="Ci serve il log", then_status="waiting")
    Ticket.objects.filter(pk=tickets[2].pk).update(response_due_at=timezone.now() - timedelta(hours=1),
                                                  response_at_risk_at=timezone.now() - timedelta(hours=3))
    return tickets


def test_every_dashboard_figure_matches_a_recount(people, open_ticket_for, login):
    tickets = busy_desk(people, open_ticket_for)
    InboundMail.objects.create(fingerprint="x", sender="ignoto@example.com", outcome=InboundMail.Outcome.TRIAGE)
    for hours in (-2, 3):   # one overdue, one not yet
        due = timezone.now() + timedelta(hours=hours)
        CallbackRequest.objects.create(company=people.acme, phone_number="02 1234", ticket=tickets[3], due_at=due,
                                       at_risk_at=due - timedelta(hours=1))
    OutboundMail.objects.filter(pk=OutboundMail.objects.order_by("pk").first().pk).update(
        state=OutboundMail.State.FAILED)
    context = login(people.silvia).get("/console/dashboard/").context
    live = Ticket.objects.filter(is_live=True)
    assert context["open_total"] == live.count() == 3   # one of the four is resolved
    assert {s: n for _label, n, s in context["statuses"]} == {
        s: live.filter(status=s).count() for s in ("new", "open", "waiting")}
    now = timezone.now()
    owed = Ticket.objects.filter(response_due_at__lt=NO_DEADLINE)
    assert context["deadlines"]["late"] == owed.filter(response_due_at__lte=now).count() == 1
    assert sum(context["deadlines"].values()) == owed.count()
    assert context["week"]["today"] == Ticket.objects.filter(created_at__date=timezone.localdate()).count()
    assert context["month"]["answered"] == Ticket.objects.filter(first_response_met__isnull=False).count() == 2
    loads = {row["person"]: row for row in context["technicians"]}
    assert (loads[people.anna]["total"], loads[people.paolo]["waiting"]) == (0, 1)   # anna's is resolved
    # Silvia is using the console right now; nobody else has been seen.
    assert [row["person"] for row in context["technicians"] if row["at_desk"]] == [people.silvia]
    assert context["mail"] == {"triage": 1, "undelivered": 1}
    assert context["callbacks"] == {"waiting": 2, "overdue": 1}
    assert [t.code for t in context["oldest"]][0] == Ticket.objects.filter(
        response_due_at__lt=NO_DEADLINE).order_by("response_due_at").first().code


def test_dashboard_and_reports_cost_the_same_queries_at_any_volume(people, open_ticket_for, login):
    client = login(people.silvia)
    pages = ["/console/dashboard/", "/console/reports/?by=company", "/console/service-levels/",
             "/console/packages/attention/"]

    def queries():
        counts = []
        for page in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(page).status_code == 200
            counts.append(len(captured))
        return counts

    busy_desk(people, open_ticket_for, n=3)
    queries()   # the first visit creates the settings rows
    few = queries()
    busy_desk(people, open_ticket_for, n=12)
    assert queries() == few


def test_only_supervisors_see_the_dashboard_and_it_is_their_home(people, login):
    assert login(people.anna).get("/console/dashboard/").status_code == 403
    client = login(people.silvia)
    assert client.get("/").url == "/console/dashboard/"


def test_a_report_steps_through_periods_and_breaks_down(people, open_ticket_for, login):
    busy_desk(people, open_ticket_for)
    client = login(people.silvia)
    today = timezone.localdate()
    page = client.get("/console/reports/", {"period": "month", "day": today.isoformat(), "by": "technician"})
    rows = dict(page.context["rows"])
    title = re.search(r"<title>(.*?)</title>", page.text, re.S).group(1)
    assert title.startswith("Rapporti · ") and "<" not in title and len(title) < 80   # the title, nothing more
    assert rows["Anna Tecnico"][:3] == [1, 1, "100%"]
    assert rows["Nessuno"][0] == 2   # the two still in the queue
    before = page.context["previous"]
    assert f'href="?period=month&amp;day={before.start:%d-%m-%Y}' in page.text
    stepped = client.get("/console/reports/", {"period": "month", "day": f"{before.start:%d-%m-%Y}"}).context
    assert stepped["period"] == before and stepped["rows"] == []
    units = {label: (n, moves) for label, n, moves in page.context["units"]}
    assert units["Ticket aperto"] == (-4, 4) and units["Acquisto"] == (200, 2)
    by_company = dict(client.get("/console/reports/", {"period": "year", "by": "company"}).context["rows"])
    assert (by_company["Acme S.r.l."][0], by_company["Beta S.p.A."][0]) == (2, 2)
    last_year = client.get("/console/reports/", {"period": "year", "day": f"{today.year - 1}-06-01"}).context
    assert last_year["rows"] == [] and last_year["period"].label == str(today.year - 1)
    wrong = client.get("/console/reports/", {"period": "custom", "start": "2026-05-01", "end": "2026-04-01"})
    assert "Il giorno finale viene prima di quello iniziale." in wrong.text


def test_a_report_counts_call_backs_and_the_one_topic_rule(people, open_ticket_for, login):
    from sportello.phone import actions as phone
    from sportello.tickets.topic_actions import apply_one_topic_rule, split_ticket

    tickets = busy_desk(people, open_ticket_for)
    apply_one_topic_rule(ticket=tickets[3], author=people.anna, body="Un argomento per volta, grazie.")
    split_ticket(ticket=tickets[3], text="La seconda domanda", subject="Seconda domanda", by=people.anna)
    called = phone.request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.giulia)
    phone.request_callback(company=people.beta, phone_number="06 1234 5678", contact_name="Luca")
    phone.claim_callback(callback=called, technician=people.anna)
    phone.record_attempt(callback=called, technician=people.anna, outcome="busy")
    phone.claim_callback(callback=called, technician=people.anna)
    phone.record_attempt(callback=called, technician=people.anna, outcome="done")
    context = login(people.silvia).get("/console/reports/", {"period": "month"}).context
    calls = context["calls"]
    assert calls["requested"] == 2 and dict(calls["states"])["Richiamato"] == 1
    assert dict(calls["outcomes"]) == {"Non risponde": 0, "Occupato": 1, "Numero errato": 0,
                                       "Parlato con il cliente": 1}
    assert calls["median_minutes"] == 0
    assert context["topics"] == {"answered": 1, "split": 1, "merged": 0, "warned": 0, "customer_split": 0,
                                 "kept": 0}
    last_year = login(people.silvia).get("/console/reports/", {"period": "year", "day": "01-06-2020"}).context
    assert last_year["calls"]["requested"] == 0 and last_year["topics"]["answered"] == 0


def test_reports_download_as_csv_and_xlsx(people, open_ticket_for, login):
    busy_desk(people, open_ticket_for)
    client = login(people.silvia)
    response = client.get("/console/reports/", {"period": "year", "by": "company", "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert table[0][:2] == ["Azienda", "Aperti"] and {row[0] for row in table[1:]} == {"Acme S.r.l.", "Beta S.p.A."}
    response = client.get("/console/reports/", {"period": "year", "by": "type", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "Tipo di richiesta" and values[1][:2] == ("Malfunzionamento", 4)


def test_deadline_counts_stop_at_a_bound(people, open_ticket_for, login, monkeypatch):
    from sportello.console import dashboard

    monkeypatch.setattr(dashboard, "COUNT_LIMIT", 2)
    for n in range(3):
        open_ticket_for(people.giulia, subject=f"Richiesta {n}")
    Ticket.objects.update(response_due_at=timezone.now() - timedelta(minutes=5))
    InboundMail.objects.bulk_create([InboundMail(fingerprint=f"m{n}", sender="ignoto@example.com",
                                                 outcome=InboundMail.Outcome.TRIAGE) for n in range(3)])
    page = login(people.silvia).get("/console/dashboard/")
    assert page.context["deadlines"]["late"] == "2+"
    # Every tile stops at the same bound, the mail to sort too (the badge's is its own).
    assert page.context["mail"]["triage"] == "2+" and page.context["counts"]["triage_count"] == 3


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's planner chooses by statistics: a test "
                    "table of a few hundred rows says nothing (its plans at a million tickets are in the README)")
def test_every_dashboard_count_reads_a_range_of_one_index(people, open_ticket_for):
    """A desk's history holds far more call-backs done than waiting, and ANALYZE tells
    the planner so: the overdue count read every call-back ever asked for."""
    from sportello.console.dashboard import _count_parts

    ticket = open_ticket_for(people.giulia)
    now = timezone.now()
    CallbackRequest.objects.bulk_create(
        [CallbackRequest(company=people.acme, phone_number="02 1234", ticket=ticket, due_at=now - timedelta(days=n),
                         at_risk_at=now - timedelta(days=n, hours=1), state=CallbackRequest.State.DONE)
         for n in range(300)]
        + [CallbackRequest(company=people.acme, phone_number="02 1234", ticket=ticket, due_at=now + timedelta(hours=h),
                           at_risk_at=now, state=CallbackRequest.State.WAITING) for h in (-1, 2)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        for name, (rows, _total) in _count_parts(now).items():
            sql, params = rows.query.sql_with_params()
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = [row[-1] for row in cursor.fetchall()]
            assert len(plan) == 1 and plan[0].startswith("SEARCH") and "COVERING INDEX" in plan[0], (name, plan)
