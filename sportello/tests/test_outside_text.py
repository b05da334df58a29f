"""Outside text is cleaned once where it enters: every form of the product cleans
its data, and the cleaning keeps what people write."""

import importlib
import pkgutil

import pytest
from django import forms

import sportello
from sportello.text import CleanTextForm, clean_line, clean_text


def all_project_forms():
    for module in pkgutil.walk_packages(sportello.__path__, "sportello."):
        if ".tests" in module.name or ".migrations" in module.name or module.name.endswith("settings"):
            continue
        importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted({f for f in subclasses(forms.BaseForm) if f.__module__.startswith("sportello.")
                   and ".tests" not in f.__module__}, key=lambda f: f"{f.__module__}.{f.__name__}")


@pytest.mark.parametrize("form_class", all_project_forms(), ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_every_form_cleans_outside_text(form_class):
    assert issubclass(form_class, CleanTextForm), f"{form_class.__name__} must mix in CleanTextForm"


@pytest.mark.parametrize(("raw", "clean"), [
    ("Errore\x00 1042", "Errore 1042"), ("a\x1b[31mb", "a[31mb"), ("riga\r\ndue\rtre", "riga\ndue\ntre"),
    ("tab\tok", "tab\tok"), ("\x7fDEL\x85NEL\x9f", "DELNEL"), ("lone \ud800 surrogate", "lone  surrogate"),
    ("liquidità € 🙂", "liquidità € 🙂"), ("\u202eRTL", "\u202eRTL"),
])
def test_clean_text_removes_only_what_no_person_writes(raw, clean):
    assert clean_text(raw) == clean


def test_clean_line_and_lengths():
    assert clean_line("  Oggetto\nsu due\trighe ") == "Oggetto su due righe"
    assert clean_text("x" * 300, 200) == "x" * 200


def test_a_form_posted_with_control_characters_stores_clean_text(people, login):
    from sportello.tickets.models import RequestType, Ticket

    response = login(people.giulia).post("/portal/tickets/new/", {
        "request_type": RequestType.objects.get(name="Malfunzionamento").pk, "requester_name": "Giulia\x1b Bianchi",
        "callback_phone": "02 1234 5678", "answer_email": "giulia@acme.test",
        "subject": "Stampa\x00 bloccata\x07", "description": "Il programma\x0b si chiude.\r\nSempre."})
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert (ticket.subject, ticket.requester_name) == ("Stampa bloccata", "Giulia Bianchi")
    assert ticket.description == "Il programma si chiude.\nSempre."
