"""Does a description raise several topics? A pure function with no database.

The procedure says a ticket deals with one topic and the technician answers only the
first, so the form warns before sending and offers to split. It must not nag: steps to
reproduce one fault, several symptoms of it, or an "Inoltre" that adds what the log
shows are one topic.

The signs, strongest first:
- an announcement: "due cose", "alcune domande", "two questions", "a couple of issues";
- topics numbered by label or ordinal: "Problema 1: … Problema 2:", "il primo… il secondo";
- a list (one item per line, or inline "1) … 2) …", "a) … b)", "- …; - …" after a colon)
  of at least two requests or problems, unless it announces steps ("per riprodurre");
- a connective that always opens another matter, anywhere in a sentence ("a parte
  questo", "un'altra cosa", "ne approfitto", "vorrei anche sapere", "by the way", "P.S.");
- a weaker one ("inoltre", "poi", "infine", "in più", "also", "furthermore") at the start
  of a clause, when what follows asks for something, or reports a problem of its own:
  not a detail (the log, "sembra", "the same") and no word shared with what came before;
- two different error codes; three questions or more.
Measured on examples and on a held-out set: `bench/topics.py`.
"""

import re
from dataclasses import dataclass, field

from sportello.search.text import language_of, stem, words

ANNOUNCEMENT = re.compile(
    r"(?i)\b(?:due|tre|quattro|alcune|alcuni|diverse|diversi|varie|vari|un paio di|two|three|four|some|several|"
    r"a few|a couple of|couple of)\s+(?:\w+\s+)?(?:cose|domande|problemi|questioni|richieste|dubbi|segnalazioni|"
    r"temi|argomenti|things|questions|issues|problems|requests|topics|points)\b")
LABEL = re.compile(r"(?i)\b(?:problema|richiesta|domanda|punto|questione|problem|issue|request|question|point)"
                   r"\s*(?:n\.?|nr\.?|no\.?|#)?\s*(\d)\b")


def _ordinal(italian, english):
    """"Il primo è…", "in primo luogo", "First, …": a topic announced by its number."""
    return re.compile(rf"(?i)(?:\b(?:il|la) {italian}[oa]\b(?=[\s,:]+(?:è|e'|riguarda|problema|questione|domanda|"
                      rf"richiesta)|,)|\bin {italian}o luogo\b|(?:^|[.:;!?]\s*|,\s+)(?:{italian}[oa]|{english}(?:ly)?)"
                      r"\s*[,:])")


FIRST, SECOND = _ordinal("prim", "first"), _ordinal("second", "second")
STRONG = re.compile(
    r"(?i)(?:\ba parte questo|\boltre a questo|\bun'altra (?:cosa|domanda|questione|richiesta)|\baltra questione|"
    r"\baltro tema|\bun altro (?:problema|tema|dubbio|argomento|punto)|\bsecondo problema|\bgià che ci sono|"
    r"\bne approfitto|\bapprofitto per|\bcolgo l'occasione|\btra l'altro|\bdimenticavo|\bcosa diversa|"
    r"\b(?:il )?problema è diverso|\bproblema diverso|\bin secondo luogo|"
    r"\b(?:vorrei|vorremmo|volevo|volevamo|ci servirebbe|mi servirebbe|avrei|avremmo) anche\b|"
    r"\b(?:ci|mi) (?:dite|direste|potete dire|potreste dire) anche\b|\bpotreste dirci anche\b|"
    r"\bp\.?\s?s\.?(?=[\s:,])|\bseparately\b|\bon a different note|\bunrelated to (?:that|this)|"
    r"\bapart from (?:this|that)|\bby the way\b|\bwhile i'm at it|\bwhile i am at it|"
    r"\banother (?:thing|issue|problem|question|topic|matter)|\bone more thing|"
    r"\b(?:would|we'd|i'd) also like\b|\bcould you also\b|\bcan you also\b|\bwe also need\b|\bi also need\b)")
WEAK = re.compile(r"(?i)(?:^|(?<=[.!?;:,\n])|(?<=\d[.)])|(?<=\b[a-h]\))|(?<=\be\b)|(?<=\band\b))\s*"
                  r"(?:e\s+)?(?:and\s+)?(inoltre|in più|poi|infine|in aggiunta|also|furthermore|moreover|"
                  r"in addition|additionally|finally|besides)\b[,:]?")
REQUEST = re.compile(
    r"(?i)\b(?:vorrei|vorremmo|volevo|volevamo|avrei bisogno|abbiamo bisogno|ho bisogno|ci serve|ci servirebbe|"
    r"mi serve|mi servirebbe|potete|potreste|può|come si|come posso|come possiamo|dove si|sapere|chiedere|"
    r"capire|ci dite|mi dite|è possibile|si può|attivare|disattivare|aggiungere|would like|we need|i need|"
    r"need|can you|could you|how do|how can|how to|is it possible|i'd like|we'd like|want to|please)\b|\?")
PROBLEM = re.compile(
    r"(?i)\b(?:non (?:\w+ )?(?:funziona|riesc\w*|riusc\w*|parte|termina|si apre|si genera|salva|legge|stampa|"
    r"quadra|arriva|comunica|trova|trovo|troviamo|accetta|si installa)|errore|errori|blocca|bloccat\w*|"
    r"si ferma|si interrompe|crash|lent[oaie]|lentissim\w*|sbagliat\w*|errat\w*|manca|mancano|vuot[oaie]|"
    r"scartat\w*|fallisce|salta|saltano|negativ[oaie]|doppi[oa]|due volte|scadut\w*|chiede (?:una |la )?licenza|"
    r"locked|asks for (?:a |the )?licen[cs]e|"
    r"doesn't|does not|don't|do not|cannot|can't|fails?|failed|crash(?:es)?|error|wrong|missing|slow|"
    r"rejected|stops?|freezes?|skips?|empty|twice|negative)\b")
DETAIL = re.compile(
    r"(?i)\b(?:log|sembra|sembrano|pare|probabilmente|forse|lo stesso|la stessa|gli stessi|le stesse|"
    r"stesso|stessa|in quel momento|proprio|quindi|rimane|resta|persiste|ancora|seems?|looks?|probably|maybe|"
    r"the same|at that moment|which|the cause|la causa|still|remains|persists)\b")
STEPS = re.compile(r"(?i)\b(?:per riprodurre|passi|passaggi|procedura seguita|seguo|faccio così|steps?|"
                   r"to reproduce|i do|we do)\b")
LIST_LINE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•▪●–]|[a-h][)])\s+(?P<text>\S.*)$", re.IGNORECASE)
INLINE_NUMBER = re.compile(r"(?:^|(?<=[\s:,;]))(\d{1,2})[.)]\s+")
INLINE_LETTER = re.compile(r"(?:^|(?<=[\s:,;]))([a-h])\)\s+", re.IGNORECASE)
ERROR_CODE = re.compile(r"(?i)\b(?:errore|error|codice|code|err\.?)\s*(?:n\.?|nr\.?|#|:)?\s*([A-Z]?\d{2,6})\b")
SENTENCE_END = re.compile(r"(?<=[.!?;])\s|\n")
LONGEST = 10_000   # characters read: a request is shorter; bounds the time of anything pasted
CONTEXT = 600      # characters before a connective that say what the topic was


@dataclass
class TopicReport:
    several: bool
    reasons: list = field(default_factory=list)
    parts: list = field(default_factory=list)  # the topics, in order, when they can be told apart


def _is_request_or_problem(text):
    return bool(REQUEST.search(text) or PROBLEM.search(text))


def _line_items(text):
    items, current = [], None
    for line in text.splitlines():
        match = LIST_LINE.match(line)
        if match:
            current = [match.group("text").strip()]
            items.append(current)
        elif current is not None and line.strip():
            current.append(line.strip())
        elif not line.strip():
            current = None
    return [" ".join(item) for item in items]


def _numbered_run(text, pattern, first):
    """Items of an inline list numbered first, first+1, …: [(start, item text)]."""
    marks, expected = [], first
    for match in pattern.finditer(text):
        if match.group(1).lower() == expected:
            marks.append(match)
            expected = chr(ord(expected) + 1) if expected.isalpha() else str(int(expected) + 1)
    if len(marks) < 2:
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [(m.start(), text[m.end():end].strip(" ;,")) for m, end in zip(marks, ends, strict=True)]


def _dash_items(text):
    """"…: - uno; - due - tre": a dash list written inline after a colon."""
    colon = text.find(":")
    if colon < 0:
        return []
    items = [item.strip(" ;,.") for item in re.split(r"(?:^|\s|;)[-–•]\s+", text[colon + 1:])[1:]]
    return [item for item in items if item] if len(items) >= 2 else []


def _list(text):
    """(items, start of the list) of the first list found, or ([], -1)."""
    lines = _line_items(text)
    if len(lines) >= 2:
        return lines, re.search(r"(?m)^\s*(?:\d{1,2}[.)]|[-*•▪●–]|[a-h][)])\s", text).start()
    for pattern, first in ((INLINE_NUMBER, "1"), (INLINE_LETTER, "a")):
        run = _numbered_run(text, pattern, first)
        if run:
            return [item for _start, item in run], run[0][0]
    dashes = _dash_items(text)
    if dashes:
        return dashes, text.find(":") + 1
    return [], -1


def _stems(text):
    language = language_of(text)
    return {stem(word, language) for word in words(text) if len(word) >= 5 and not word.isdigit()} - GENERIC


GENERIC = {stem(w, lang) for lang, ws in (
    ("it", ["programma", "gestionale", "problema", "errore", "abbiamo", "vorrei", "vorremmo", "sapere", "stampa",
            "funziona", "riusciamo", "sempre", "ancora", "mentre", "quando", "buongiorno", "grazie", "questo"]),
    ("en", ["program", "problem", "error", "would", "since", "every", "still", "there", "which", "could"]))
    for w in ws}


def _questions(text):
    """The questions asked (at least a few words each)."""
    pieces = re.split(r"(?<=[.!?\n])", text)
    return [piece.strip() for piece in pieces if piece.endswith("?") and len(piece.strip()) > 12]


def _weak_boundaries(text):
    """Starts of clauses opened by a weak connective that bring a matter of their own."""
    cuts = []
    for match in list(WEAK.finditer(text))[:12]:   # more are not a request any more
        start = match.start(1)
        end = SENTENCE_END.search(text, match.end(1))
        rest = text[match.end(1):min(end.start() if end else len(text), match.end(1) + CONTEXT)]
        before = text[max(0, start - CONTEXT):start]
        sequence = match.group(1).lower() in ("poi", "infine", "finally")
        if sequence and not REQUEST.search(rest) and (re.search(r"(?i)\bprima\b|\bfirst\b", before)
                                                      or before.rstrip().endswith(",")):
            continue   # "prima…, poi…, infine…", "scelgo…, poi…": what happened, in order
        if REQUEST.search(rest) or (PROBLEM.search(rest) and not DETAIL.search(rest)
                                    and not _stems(rest) & _stems(before)):
            cuts.append(start)
    return cuts


def _split(text, cuts):
    cuts = sorted(set(cut for cut in cuts if 0 < cut < len(text)))
    bounds = [0, *cuts, len(text)]
    parts = [text[a:b].strip(" ;,\n") for a, b in zip(bounds, bounds[1:], strict=False)]
    return [part for part in parts if len(part) >= 10]


def detect_topics(text: str) -> TopicReport:
    text = (text or "").strip()[:LONGEST]
    reasons, parts = [], []
    items, list_start = _list(text)
    if len(items) >= 2 and not STEPS.search(text[:max(list_start, 0)] or text[:40]):
        requests = [item for item in items if len(item) >= 5 and _is_request_or_problem(item)]
        introduced = list_start >= 0 and text[:list_start].rstrip().endswith(":")
        if len(requests) >= 2 or (introduced and len(items) >= 2):
            reasons.append("list")
            parts = items
    if ANNOUNCEMENT.search(text):
        reasons.append("announcement")
    labels = {number for number in LABEL.findall(text)}
    if len(labels) >= 2 or (FIRST.search(text) and SECOND.search(text)):
        reasons.append("numbered topics")
        cuts = [m.start() for m in LABEL.finditer(text)] + [m.start() for m in SECOND.finditer(text)]
        parts = parts or _split(text, cuts)
    strong = [m.start() for m in STRONG.finditer(text)]
    weak = _weak_boundaries(text)
    if strong or weak:
        reasons.append("connective")
        by_connective = _split(text, strong + weak)
        if len(by_connective) > len(parts) and "list" not in reasons:
            parts = by_connective
    codes = {code.upper() for code in ERROR_CODE.findall(text)}
    if len(codes) >= 2:
        reasons.append("error codes")
    questions = _questions(text)
    if len(questions) >= 3:
        reasons.append("questions")
    if "announcement" in reasons and len(parts) < 2 and len(questions) >= 2:
        parts = questions
    return TopicReport(several=bool(reasons), reasons=reasons, parts=parts if len(parts) >= 2 else [text])
