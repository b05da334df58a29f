"""How well the new-ticket form's suggestions find the guide that answers a question,
and how fast, on the evaluation set of bench/kb_questions.py.

    python bench/kb_eval.py                       # SQLite file in data/, rebuilt each run
    DATABASE_URL=postgres://…/kb_eval python bench/kb_eval.py
    python bench/kb_eval.py --articles 5000       # the same, among 5,000 articles

Prints recall@1, recall@3 (the guide among the three suggestions) and the mean
reciprocal rank, then the time of one suggestion (median and p95). With --articles the
demo's guides are joined by made-up articles about other matters that use the guides'
common words, so that thousands of other articles compete for the same words. Suggestions read articles only, never
tickets: their time does not depend on how many tickets there are.
"""

import argparse
import itertools
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=0, help="total articles, with made-up ones")
    parser.add_argument("--runs", type=int, default=5, help="timing runs over the whole set")
    args = parser.parse_args()

    sqlite_file = ROOT / "data" / "kb-eval.sqlite3"
    if "DATABASE_URL" not in os.environ:
        sqlite_file.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sportello.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from kb_questions import QUESTIONS

    from sportello.demo.articles import ARTICLES
    from sportello.kb import search
    from sportello.kb.articles import save_article, set_state
    from sportello.kb.models import Article

    call_command("migrate", verbosity=0)
    Article.objects.all().delete()
    for _type, _product, title, body in ARTICLES:
        set_state(article=save_article(article=Article(title=title, body=body), by=None), state="published")
    made_up = _made_up(ARTICLES, args.articles - len(ARTICLES))
    started = time.monotonic()
    for title, body in made_up:
        set_state(article=save_article(article=Article(title=title, body=body), by=None), state="published")
    if made_up:
        print(f"{len(made_up)} made-up articles written in {time.monotonic() - started:.0f} s")

    published = Article.objects.filter(state=Article.State.PUBLISHED)
    ranks, times = [], []
    for subject, description, expected in QUESTIONS:
        found = [article.title for article in search.for_question(f"{subject}\n{description}", published, limit=10)]
        ranks.append(found.index(expected) + 1 if expected in found else None)
    for _run in range(args.runs):
        for subject, description, _expected in QUESTIONS:
            began = time.perf_counter()
            search.for_question(f"{subject}\n{description}", published)
            times.append((time.perf_counter() - began) * 1000)

    n = len(QUESTIONS)
    print(f"{connection.vendor}, {published.count()} published articles, {n} questions")
    for k in (1, 3):
        hits = sum(1 for rank in ranks if rank and rank <= k)
        print(f"recall@{k}: {hits}/{n} = {hits / n:.1%}")
    print(f"mean reciprocal rank: {sum(1 / rank for rank in ranks if rank) / n:.3f}")
    times.sort()
    print(f"one suggestion: median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95)]:.1f} ms")
    missed = [(subject, expected) for (subject, _d, expected), rank in zip(QUESTIONS, ranks, strict=True)
              if not rank or rank > 3]
    for subject, expected in missed:
        print(f"  not in the first three: {subject!r} -> {expected!r}")


def _made_up(articles, count):
    """Articles about other matters, written in the same language: a third of their words
    are the words the real guides share (those in three guides or more, as often as they
    occur there), the rest each article's own subject, drawn from a vocabulary of other
    terms. No made-up article answers a question; each competes for its common words."""
    if count <= 0:
        return []
    rng = random.Random(17)
    texts = [re.findall(r"\w+", f"{title} {body}".lower()) for _t, _p, title, body in articles]
    spread = Counter(word for words in texts for word in set(words))
    common = [word for words in texts for word in words if spread[word] >= 3]
    others = [f"termine{n}" for n in range(20_000)]
    zipf = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(others))))   # like words in real text

    def sentence(length):
        words = [rng.choice(common) if rng.random() < 1 / 3 else rng.choices(others, cum_weights=zipf)[0]
                 for _n in range(length)]
        return " ".join(words).capitalize()

    return [(sentence(6), ". ".join(sentence(12) for _n in range(5)) + ".") for _n in range(count)]


if __name__ == "__main__":
    main()
