from django.core.management import call_command

from sportello.accounts.models import User
from sportello.tickets.models import Ticket


def test_demo_loads_once_and_a_second_run_duplicates_nothing(defaults, capsys):
    call_command("load_demo")
    counts = (User.objects.count(), Ticket.objects.count())
    call_command("load_demo")
    assert (User.objects.count(), Ticket.objects.count()) == counts == (7, 12)
    assert "nothing changed" in capsys.readouterr().out
    statuses = set(Ticket.objects.values_list("status", flat=True))
    assert statuses == {"new", "open", "waiting", "resolved", "closed"}
    assert set(Ticket.objects.values_list("company__name", flat=True)) == {"Acme S.r.l.", "Beta S.p.A."}


def test_demo_users_log_in_with_the_published_password(defaults, client):
    call_command("load_demo")
    client.post("/accounts/login/", {"username": "mario.rossi@acme.example", "password": "sportello-demo"})
    assert "Ticket di Acme S.r.l." in client.get("/portal/").text


def test_generator_makes_realistic_tickets(defaults, capsys):
    call_command("generate_tickets", 300, companies=5, batch=120)
    assert Ticket.objects.count() == 300
    assert Ticket.objects.filter(status="closed").exists() and Ticket.objects.filter(status="new").exists()
    assert len(set(Ticket.objects.values_list("code", flat=True))) == 300
    assert "300 tickets generated" in capsys.readouterr().out
    # One ticket in five came with a call-back, counted for the reports as a rebuild counts it.
    from sportello.phone.models import CallbackRequest
    from sportello.reports import callbacks
    from sportello.reports.models import CallbackTally

    assert CallbackRequest.objects.count() == 60 and CallbackRequest.objects.filter(state="done").exists()
    counted = sorted(CallbackTally.objects.values_list("grain", "day", "kind", "value", "count"))
    callbacks.rebuild()
    assert sorted(CallbackTally.objects.values_list("grain", "day", "kind", "value", "count")) == counted
