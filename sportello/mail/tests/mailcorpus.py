"""The test corpus: realistic messages with placeholders for the ticket under test."""

from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"


def message(name, *, ticket=None, our_id="<none@sportello.example>"):
    raw = (CORPUS / f"{name}.eml").read_bytes()
    if ticket is not None:
        raw = raw.replace(b"{TOKEN}", ticket.reply_token.encode()).replace(b"{CODE}", ticket.code.encode())
    return raw.replace(b"{OUR_ID}", our_id.encode())


def corpus_names():
    return sorted(p.stem for p in CORPUS.glob("*.eml"))
