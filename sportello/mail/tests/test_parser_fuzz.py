"""Malformed mail never crashes the parser nor the router: every message ends up
stored, with an outcome, or recognised as already stored."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.mail.inbound import receive
from sportello.mail.models import InboundMail
from sportello.mail.parsing import parse

from .mailcorpus import corpus_names, message

CORPUS = [message(name) for name in corpus_names()]
HEADER_NAMES = [b"From", b"To", b"Subject", b"Message-ID", b"In-Reply-To", b"References", b"Content-Type",
                b"Content-Transfer-Encoding", b"Auto-Submitted", b"Content-Disposition"]


@st.composite
def damaged_mail(draw):
    """A corpus message with bytes flipped, cut, or garbage headers spliced in."""
    raw = bytearray(draw(st.sampled_from(CORPUS)))
    for _ in range(draw(st.integers(0, 8))):
        if not raw:
            break
        position = draw(st.integers(0, len(raw) - 1))
        raw[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]
    if draw(st.booleans()):
        header = draw(st.sampled_from(HEADER_NAMES)) + b": " + draw(st.binary(max_size=80)) + b"\r\n"
        raw = bytearray(header) + raw
    return bytes(raw)


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(damaged_mail(), st.binary(max_size=2000)))
def test_the_parser_never_raises(raw):
    parsed = parse(raw)
    assert parsed.fingerprint
    assert isinstance(parsed.text, str) and isinstance(parsed.attachments, list)
    for name, value in vars(parsed).items():  # what reaches a page is the mail's text, never a Python repr
        assert " object at 0x" not in str(value) or " object at 0x" in raw.decode("latin-1"), name


def test_a_delivery_report_without_diagnostic_gives_its_own_fields_as_reason():
    """Some servers write only Action and Final-Recipient; the reason is those fields as written."""
    raw = message("bounce").replace(b"Status: 5.1.1\n", b"").replace(b"Diagnostic-Code:", b"X-Note:")
    reason = parse(raw).bounce_reason
    assert "Action: failed" in reason and "Final-Recipient: rfc822; giulia@acme.test" in reason
    assert "object at" not in reason


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=damaged_mail())
def test_every_damaged_message_is_stored_with_an_outcome(people, raw):
    mail, new = receive(raw)
    stored = InboundMail.objects.get(pk=mail.pk)
    assert stored.outcome in InboundMail.Outcome.values
    if new:
        assert stored.raw.read() == raw  # the original is kept, byte for byte
    else:  # the same Message-ID (or the same bytes) was received before
        assert stored.fingerprint == parse(raw).fingerprint
