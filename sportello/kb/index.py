"""Keeping the articles' index exact: save_article() calls reindex() in its own
transaction, so an article is found with its new words as soon as it is saved; a
deleted article leaves the index by a trigger (SQLite) or a cascade (PostgreSQL)."""

from sportello.search.text import index_terms

from . import engines


def terms_of(article):
    """Index terms per field: both languages' versions, each stemmed as its language."""
    products = " ".join(product.name for product in article.products.all())
    request_type = article.request_type.name if article.request_type_id else ""
    return {
        "title": f"{index_terms(article.title, 'it')} {index_terms(article.title_en, 'en')}".strip(),
        "tags": index_terms(f"{request_type} {products}", "it"),
        "body": f"{index_terms(article.body, 'it')} {index_terms(article.body_en, 'en')}".strip(),
    }


def reindex(article):
    engines.store(article.pk, terms_of(article))


def rebuild(model=None):
    """Index every article again (`model`: a migration's historical Article)."""
    from .models import Article

    engines.clear()
    count = 0
    for article in (model or Article).objects.select_related("request_type").prefetch_related("products").iterator(
            chunk_size=500):
        reindex(article)
        count += 1
    return count
