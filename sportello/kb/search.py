"""Finding articles for a question: the words that say what it is about, ranked by the
database's engine (kb.engines), among the articles the reader may see."""

from sportello.search.query import parse
from sportello.search.text import content_stems

from . import engines
from .models import Article

SUGGESTIONS = 3


def for_question(text, articles, *, limit=SUGGESTIONS):
    """Articles (of the queryset `articles`) for a question written as sentences: the
    new-ticket form's subject and description, or a ticket a technician is reading."""
    ids = engines.ranked(content_stems(text), articles, limit=limit)
    return _in_order(ids)


def for_search(text, articles, *, limit=50):
    """Articles for what a person typed in a search box (the same parser as tickets'
    search: quoted phrases count as their words here; -excluded words rule articles out)."""
    query = parse(text)
    terms = [*query.terms, *(stems for phrase in query.phrases for stems in phrase)]
    excluded = {stem for stems in query.excluded for stem in stems}
    ids = engines.ranked(terms, articles, limit=limit, excluded=sorted(excluded))
    return _in_order(ids)


def _in_order(ids):
    found = Article.objects.select_related("request_type").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
