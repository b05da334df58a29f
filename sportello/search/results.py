"""Searching tickets for a person: visibility and filters from the caller's queryset,
words through the engine, then snippets with the words marked. Each page costs one
index query (the ranked candidates), one to load its tickets and one for the text its
snippets come from; pages follow (score, id) in the URL."""

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .engines import engine
from .text import WORD_RE, fold, stem

PAGE_SIZE = 25
CANDIDATES = 1000
TOKENS = re.compile(r"(\w+)")
SPACES = re.compile(r"\s+")


@dataclass
class Hit:
    ticket: object
    snippet: str


@dataclass
class SearchPage:
    hits: list
    next_cursor: str | None
    first_page: bool
    total: int           # bounded: CANDIDATES means "at least CANDIDATES"

    @property
    def total_label(self):
        return f"{CANDIDATES}+" if self.total >= CANDIDATES else str(self.total)


def _cursor(value):
    try:
        score, pk = value.rsplit("_", 1)
        return float(score), int(pk)
    except (AttributeError, ValueError):
        return None


def search_tickets(query, tickets, *, with_notes, after=None, size=PAGE_SIZE, related=(), scope=()):
    """`tickets` is what the person may see, already filtered (it decides); `scope` groups of
    index terms for the same filters (a customer's company, a status…), which only make the
    search fast; `query` a parsed Query with words.
    Ranked among the CANDIDATES most recent matches (a desk looks for recent tickets; an old
    one is found with one more word); pages follow (score, id)."""
    search = engine()
    expression = search.expression(query, with_notes=with_notes, scope=scope)
    found = search.candidates(expression, tickets, limit=CANDIDATES)
    ranked = sorted(found, key=lambda row: (row[1], -row[0]))
    after = _cursor(after) if after else None
    if after is not None:
        ranked = [row for row in ranked if (row[1], -row[0]) > (after[0], -after[1])]
    page, more = ranked[:size], len(ranked) > size
    objects = tickets.model.objects.select_related(*related) if related else tickets.model.objects
    loaded = objects.in_bulk([pk for pk, _score in page])
    shown = [loaded[pk] for pk, _score in page if pk in loaded]
    snippets = _snippets(shown, query.highlight_words(), with_notes=with_notes)
    return SearchPage(hits=[Hit(ticket, snippets.get(ticket.pk, "")) for ticket in shown],
                      next_cursor=f"{page[-1][1]!r}_{page[-1][0]}" if more else None, first_page=after is None,
                      total=len(found))


def _snippets(tickets, stems, *, with_notes):
    from sportello.tickets.models import Message

    # The subject is shown as the title already: a passage of the text says more.
    texts = {ticket.pk: [ticket.description] for ticket in tickets}
    messages = Message.objects.filter(ticket_id__in=list(texts)).order_by("id")
    if not with_notes:
        messages = messages.filter(is_internal=False)
    for ticket_id, body in messages.values_list("ticket_id", "body"):
        texts[ticket_id].append(body)
    return {pk: snippet(parts, stems) for pk, parts in texts.items()}


def _matches(word, stems):
    return not stems.isdisjoint(_forms(word))


@lru_cache(maxsize=20_000)
def _forms(word):
    """What a word of the text may be searched as: folded, and its Italian and English stems."""
    folded = fold(word)
    return frozenset((folded, stem(folded, "it"), stem(folded, "en")))


def snippet(texts, stems, *, around=12):
    """The first passage that holds a searched word, about 25 words, the words marked."""
    for text in texts:
        tokens = TOKENS.split(text or "")
        first = next((i for i in range(1, len(tokens), 2) if _matches(tokens[i], stems)), None)
        if first is None:
            continue
        start, end = max(1, first - 2 * around), min(len(tokens), first + 2 * around + 1)
        parts = ["… " if start > 1 else ""]
        for i in range(start - 1 if start > 1 else 0, end):
            piece = html.escape(tokens[i])   # the standard library's: Django's lazy wrapper costs more per word
            parts.append(f"<mark>{piece}</mark>" if i % 2 and _matches(tokens[i], stems) else piece)
        if end < len(tokens):
            parts.append(" …")
        return mark_safe(SPACES.sub(" ", "".join(parts)).strip())  # noqa: S308 (every piece escaped above)
    first_text = next((text for text in texts if text), "")
    words = WORD_RE.findall(first_text)
    return escape(" ".join(words[:2 * around])) + (" …" if len(words) > 2 * around else "")
