"""What the technician reads of a received e-mail: every word the customer wrote now (on
top, below, or between our quoted lines), forwarded content, never the quoted history
or a phone's signature. Measured on our own corpus of replies (reply_corpus.py)."""

import re

import pytest

from sportello.mail.fragments import shown_text, split
from sportello.mail.inbound import receive
from sportello.mail.parsing import parse

from .reply_corpus import cases

CASES = cases()


def _normal(text):
    return re.sub(r"[ \t]+\n", "\n", text.strip())


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 150
    families = {case.name.split("-")[0] for case in CASES}
    assert {"top", "bottom", "inline", "forward", "dashes", "html"} <= families


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_reply_shows_exactly_what_the_customer_wrote(case):
    shown = parse(case.raw).reply_text
    assert _normal(shown) == _normal(case.expected)
    missing = set(re.findall(r"\w+", case.own_words.lower())) - set(re.findall(r"\w+", shown.lower()))
    assert not missing


@pytest.mark.parametrize(("text", "expected"), [
    ("Ecco i dati.\nSent from the warehouse yesterday: 3 boxes\nThe rest follows.\nA\nB\nC", None),
    ("Punti:\n- uno\n- due\n--\ntesto\na\nb\nc\nd\ne\nf\ng\nh\ni\nl\nm\nn", None),
    ("On the other hand, we wrote to them: no answer yet.", None),
    ("From: the warehouse, 3 boxes arrived.\nSubject: the invoice is wrong.", None),
    ("Ok, grazie.\n\nInviato da iPhone", "Ok, grazie."),
    ("Grazie\n-- \nMario Rossi\nAcme S.r.l.", "Grazie"),
])
def test_content_that_looks_like_headers_or_signatures_stays(text, expected):
    assert shown_text(split(text)) == (expected if expected is not None else text)


def test_the_message_keeps_its_structure_and_the_console_shows_the_quote_on_request(people, login,
                                                                                    open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    raw = (f"From: giulia@acme.test\nTo: assistenza+t-{ticket.reply_token}@sportello.example\nSubject: Re: stampa\n"
           "Message-ID: <frag1@acme>\n\nIl file è in allegato.\n\n"
           "Il giorno mer 25 nov 2026 alle ore 10:00 Sportello <a@b.it> ha scritto:\n> Può inviarci il log?\n\n"
           "Inviato da iPhone\n").encode()
    mail, _ = receive(raw)
    assert [fragment["kind"] for fragment in mail.fragments] == ["text", "quote", "signature"]
    assert ticket.messages.get().body == "Il file è in allegato."
    page = login(people.anna).get(f"/console/tickets/{ticket.code}/").text
    assert "mostra testo citato" in page and "Può inviarci il log?" in page
