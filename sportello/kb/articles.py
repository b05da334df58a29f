"""What staff do with articles and what readers answer."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import index
from .models import Article


def save_article(*, article, by, products=()):
    with transaction.atomic():
        article.author = article.author or by
        article.updated_at = timezone.now()
        article.save()
        article.products.set(products)
        index.reindex(article)
    return article


def set_state(*, article, state):
    """Draft, published (the first time dated) or archived (hidden, kept)."""
    changes = {"state": state, "updated_at": timezone.now()}
    if state == Article.State.PUBLISHED and article.published_at is None:
        changes["published_at"] = timezone.now()
    Article.objects.filter(pk=article.pk).update(**changes)


def record_answer(*, article, solved):
    """One reader's "Sì" or "No" (two readers at once both count)."""
    field = "helpful_yes" if solved else "helpful_no"
    Article.objects.filter(pk=article.pk).update(**{field: F(field) + 1})
