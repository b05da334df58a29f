"""Turning raw e-mail bytes into what a ticket needs. Never raises: a message that
cannot be read still yields a ParsedMail, with `error` saying why."""

import hashlib
import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.utils import getaddresses, parseaddr
from functools import lru_cache

import nh3

from sportello.text import clean_line, clean_text

from .fragments import shown_text, split
from .html_text import html_to_text

AUTOMATIC_SENDERS = {"mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply"}
MESSAGE_ID_RE = re.compile(r"<[^<>\s]+>")
SAFE_TAGS = {"a", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "hr", "i", "img", "li",
             "ol", "p", "pre", "span", "strong", "table", "tbody", "td", "th", "thead", "tr", "u", "ul"}


@dataclass
class ParsedAttachment:
    name: str
    content_type: str
    data: bytes
    content_id: str = ""


@dataclass
class ParsedMail:
    fingerprint: str
    message_id: str = ""
    in_reply_to: list = field(default_factory=list)
    references: list = field(default_factory=list)
    subject: str = ""
    sender: str = ""         # From:
    sender_name: str = ""
    reply_to: str = ""       # where answers go: Reply-To:, else From:
    recipients: list = field(default_factory=list)
    text: str = ""           # the whole text, as received
    reply_text: str = ""     # what the technician reads: new text and forwarded content
    fragments: list = field(default_factory=list)   # the whole message as new text, quotes, forwards, signature
    html: str = ""           # sanitised, safe to show
    attachments: list = field(default_factory=list)
    automatic_reason: str = ""   # why this is an automatic message ("" = written by a person)
    bounced_message_ids: list = field(default_factory=list)
    bounce_reason: str = ""
    error: str = ""

    @property
    def is_automatic(self):
        return bool(self.automatic_reason)

    @property
    def is_bounce(self):
        return bool(self.bounced_message_ids) or (self.automatic_reason == "delivery report")


class _ReadingPolicy(policy.EmailPolicy):
    """policy.default, parsing each header value once. The email package parses a header
    again on every access, and finding the body and the attachments asks each part for its
    Content-Type a dozen times: 80 % of the parsing time went there."""

    def header_fetch_parse(self, name, value):
        if hasattr(value, "name") or len(value) > CACHED_HEADER_LENGTH:
            return super().header_fetch_parse(name, value)
        return _parsed_header(name, value)


CACHED_HEADER_LENGTH = 2000   # longer values (rare: a long References) are parsed each time
READING = _ReadingPolicy()


@lru_cache(maxsize=2048)
def _parsed_header(name, value):
    # Header objects are immutable strings: one may serve every message with the same line.
    return policy.EmailPolicy.header_fetch_parse(READING, name, value)


def _header(message, name):
    """A header as text; malformed headers give "" instead of an exception."""
    try:
        value = message.get(name)
    except Exception:  # the email package raises assorted errors on broken headers
        return ""
    return str(value).strip() if value is not None else ""


def _ids(value):
    return MESSAGE_ID_RE.findall(value or "")


def sanitise_html(markup):
    return nh3.clean(markup, tags=SAFE_TAGS, link_rel="noopener noreferrer nofollow",
                     clean_content_tags={"script", "style", "head", "title"})


def _content(part):
    if part.get_content_maintype() == "text" and part.get_content_charset() is None:
        # No charset declared (old clients, scripts): UTF-8 if the bytes are UTF-8, else Windows' Latin.
        payload = part.get_payload(decode=True) or b""
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            return payload.decode("cp1252", "replace")
    try:
        return part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError, KeyError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)


def _automatic_reason(message, sender):
    auto = _header(message, "Auto-Submitted").lower()
    if auto and not auto.startswith("no"):
        return f"Auto-Submitted: {auto}"
    precedence = _header(message, "Precedence").lower()
    if precedence in {"bulk", "junk", "list", "auto_reply"}:
        return f"Precedence: {precedence}"
    # Auto-responders, and mailing lists and newsletters (which must never get an answer).
    for name in ("X-Autoreply", "X-Autorespond", "List-Id", "List-Unsubscribe"):
        if _header(message, name):
            return name
    if sender.split("@")[0].lower() in AUTOMATIC_SENDERS or _header(message, "Return-Path") == "<>":
        return "automatic sender"
    if message.get_content_type() == "multipart/report":
        return "delivery report"
    return ""


def _bounce(message):
    """Message-IDs of our mail that a delivery report says could not be delivered."""
    if message.get_content_type() != "multipart/report":
        return [], ""
    ids, reason = [], ""
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            groups = part.get_payload() if isinstance(part.get_payload(), list) else []
            reason = re.sub(r"\s+", " ", _delivery_fields(groups) if groups else str(part.get_payload()))[:500]
            for sub in groups:
                diagnostic = _header(sub, "Diagnostic-Code") or _header(sub, "Status")
                reason = diagnostic or reason
        elif kind in ("message/rfc822", "text/rfc822-headers"):
            payload = part.get_payload()
            original = payload[0] if isinstance(payload, list) and payload else None
            if original is not None:
                ids += _ids(_header(original, "Message-ID"))
            else:
                ids += _ids(" ".join(re.findall(r"(?im)^Message-ID:\s*(.+)$", _content(part))))
    return ids, reason


def _delivery_fields(groups):
    """A report's field groups as the text they were written in (raw: a broken field never raises)."""
    return " ".join(f"{name}: {value}" for group in groups for name, value in group.raw_items())


def parse(raw: bytes) -> ParsedMail:
    digest = "sha256:" + hashlib.sha256(raw).hexdigest()
    try:
        message = message_from_bytes(raw, policy=READING)
    except Exception as error:
        return ParsedMail(fingerprint=digest, error=f"unreadable: {type(error).__name__}")
    result = ParsedMail(fingerprint=digest)
    try:
        _fill(result, message)
    except Exception as error:  # keep what was read, record the rest as a failure
        result.error = f"{type(error).__name__}: {error}"[:250]
    return _cleaned(result)


def _cleaned(result):
    """Malformed mail carries NUL (PostgreSQL refuses it), lone surrogates and
    terminal control characters: none of them reaches a page or a column."""
    for name, value in vars(result).items():
        if isinstance(value, str):
            setattr(result, name, clean_text(value))
        elif isinstance(value, list) and name not in ("attachments", "fragments"):
            setattr(result, name, [clean_text(item) for item in value])
    result.fragments = [{"kind": fragment["kind"], "text": clean_text(fragment["text"])}
                        for fragment in result.fragments]
    result.subject, result.sender_name = clean_line(result.subject), clean_line(result.sender_name)
    for attachment in result.attachments:
        attachment.name, attachment.content_type = clean_line(attachment.name), clean_line(attachment.content_type)
        attachment.content_id = clean_line(attachment.content_id)
    return result


def _fill(result, message):
    ids = _ids(_header(message, "Message-ID"))
    result.message_id = ids[0] if ids else ""
    if result.message_id:
        result.fingerprint = result.message_id[:250]
    result.in_reply_to = _ids(_header(message, "In-Reply-To"))
    result.references = _ids(_header(message, "References"))
    result.subject = re.sub(r"\s+", " ", _header(message, "Subject"))
    # Who wrote is From: (Reply-To: names only where answers should go, and anyone can set it).
    from_name, from_address = parseaddr(_header(message, "From"))
    _name, reply_address = parseaddr(_header(message, "Reply-To"))
    result.sender = from_address.strip().lower()
    result.sender_name = from_name.strip()
    result.reply_to = (reply_address or from_address).strip().lower()
    headers = [_header(message, n) for n in ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")]
    result.recipients = [a.lower() for _n, a in getaddresses([h for h in headers if h]) if a]
    result.automatic_reason = _automatic_reason(message, from_address.lower())
    result.bounced_message_ids, result.bounce_reason = _bounce(message)

    body_parts = set()
    plain = message.get_body(preferencelist=("plain",))
    rich = message.get_body(preferencelist=("html",))
    if rich is not None:
        body_parts.add(id(rich))
        result.html = sanitise_html(_content(rich))
    if plain is not None:
        body_parts.add(id(plain))
        result.text = _content(plain)
    elif rich is not None:
        result.text = html_to_text(_content(rich))
    result.text = result.text.replace("\r\n", "\n").strip()
    fragments = split(result.text, subject=result.subject)
    result.fragments = [fragment.as_dict() for fragment in fragments]
    result.reply_text = shown_text(fragments)
    if message.get_content_type() != "multipart/report":
        result.attachments = list(_attachments(message, body_parts))


def _leaves(part):
    """Every single part; a forwarded message counts as one (it is kept whole, as .eml)."""
    if part.get_content_type() == "message/rfc822" or not part.is_multipart():
        yield part
        return
    for sub in part.iter_parts():
        yield from _leaves(sub)


def _attachments(message, body_parts):
    for part in _leaves(message):
        if id(part) in body_parts:
            continue
        kind = part.get_content_type()
        name = part.get_filename() or ""
        content_id = _header(part, "Content-ID").strip("<>")
        if kind.startswith("text/") and not name and part.get_content_disposition() != "attachment":
            continue  # an alternative text body, not a file
        if kind == "message/rfc822":
            inner = part.get_payload()
            data = inner[0].as_bytes() if isinstance(inner, list) and inner else b""
            name = name or "messaggio-inoltrato.eml"
        else:
            data = part.get_payload(decode=True) or b""
        if not name:
            extension = kind.split("/")[-1].split("+")[0][:10]
            name = f"allegato.{extension}"
        yield ParsedAttachment(name=name[:255], content_type=kind, data=data, content_id=content_id[:250])
