"""The parser reads each header line once (parsing.READING keeps what it parsed): what it
makes of a message must be exactly what the email package's own policy makes of it, for
every kind of mail, damaged or not, whatever was parsed before."""

from email import policy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.mail import parsing

from .mailcorpus import corpus_names, message
from .reply_corpus import cases
from .test_parser_fuzz import damaged_mail

CORPUS = [message(name) for name in corpus_names()] + [case.raw for case in cases()]


def _read_by_default(raw, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(parsing, "READING", policy.default)
        return parsing.parse(raw)


def test_every_message_of_the_corpora_reads_as_with_the_default_policy(monkeypatch):
    assert len(CORPUS) > 150
    for raw in CORPUS + CORPUS:   # twice: the second time every line comes from what was kept
        assert parsing.parse(raw) == _read_by_default(raw, monkeypatch)


def test_long_header_lines_are_parsed_each_time_and_alike(monkeypatch):
    """A long line is not kept (a hostile message could fill memory with them)."""
    references = " ".join(f"<ref{n}@example.com>" for n in range(400))
    assert len(references) > parsing.CACHED_HEADER_LENGTH
    raw = message(corpus_names()[0]).replace(b"Subject:", f"References: {references}\r\nSubject:".encode(), 1)
    kept = []
    keep = parsing._parsed_header

    def recording(name, value):
        kept.append(value)
        return keep(name, value)

    monkeypatch.setattr(parsing, "_parsed_header", recording)
    parsed = parsing.parse(raw)
    assert len(parsed.references) == 400 and kept
    assert max(map(len, kept)) <= parsing.CACHED_HEADER_LENGTH
    assert parsed == _read_by_default(raw, monkeypatch)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(damaged_mail(), st.binary(max_size=2000)))
def test_damaged_mail_reads_as_with_the_default_policy(raw, monkeypatch):
    assert parsing.parse(raw) == _read_by_default(raw, monkeypatch)
