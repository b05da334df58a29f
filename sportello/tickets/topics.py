"""Does a description raise several problems? A pure function with no database.

The procedure says a ticket deals with one topic and the technician answers only
the first, so the form warns before sending. The signs: a numbered or bulleted list
of problems, several questions, words that introduce another matter ("inoltre",
"un altro problema", "also", "another issue"), several different error codes. It
must not nag: two sentences about one error are one topic."""

import re
from dataclasses import dataclass, field

LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•▪●]|[a-z][)])\s+(?P<text>\S.*)$", re.IGNORECASE)
CONNECTIVES = re.compile(
    r"(?i)(?:^|[.!?\n]\s*)(inoltre|in più|un altro problema|un'altra domanda|un altro dubbio|un'altra cosa|"
    r"altra questione|secondo problema|poi (?:vorrei|avrei|c'è)|ne approfitto|colgo l'occasione|also|in addition|"
    r"additionally|another (?:issue|problem|question)|one more thing|separately|second(?:ly)?,? (?:issue|problem))\b")
ERROR_CODE = re.compile(r"(?i)\b(?:errore|error|codice|code|err\.?)\s*(?:n\.?|nr\.?|#|:)?\s*([A-Z]?\d{2,6})\b")
QUESTION = re.compile(r"[^?.!\n]{12,}\?")


@dataclass
class TopicReport:
    several: bool
    reasons: list = field(default_factory=list)
    parts: list = field(default_factory=list)  # the topics, in order, when they can be told apart


def _list_items(text):
    items, current = [], None
    for line in text.splitlines():
        match = LIST_ITEM.match(line)
        if match:
            current = [match.group("text").strip()]
            items.append(current)
        elif current is not None and line.strip():
            current.append(line.strip())
        elif not line.strip():
            current = None
    return [" ".join(item) for item in items if len(" ".join(item)) >= 10]


def _split_at_connectives(text):
    cuts = [m.start(1) for m in CONNECTIVES.finditer(text)]
    if not cuts:
        return []
    parts, start = [], 0
    for cut in cuts:
        parts.append(text[start:cut].strip())
        start = cut
    parts.append(text[start:].strip())
    return [p for p in parts if len(p) >= 15]


def detect_topics(text: str) -> TopicReport:
    text = (text or "").strip()
    reasons, parts = [], []
    items = _list_items(text)
    if len(items) >= 2:
        reasons.append("list")
        parts = items
    by_connective = _split_at_connectives(text)
    if len(by_connective) >= 2:
        reasons.append("connective")
        parts = parts or by_connective
    codes = {code.upper() for code in ERROR_CODE.findall(text)}
    if len(codes) >= 2:
        reasons.append("error codes")
    if len(QUESTION.findall(text)) >= 3:
        reasons.append("questions")
    return TopicReport(several=bool(reasons), reasons=reasons, parts=parts or [text])
