"""For tests of markup written in Python where a template was (list rows, charts): render
the old template and the tag alike, and compare what a browser would see."""

import re

from django.template import engines
from django.test import RequestFactory

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def render(source, *, with_request=False, **context):
    """`source` rendered by Django's engine; `with_request` gives it a request (for
    {% csrf_token %} and tags that take one)."""
    request = RequestFactory().get("/") if with_request else None
    return engines["django"].from_string(source).render(context, request=request)


def same_markup(html):
    """Blank space between elements aside, and each CSRF token (masked afresh on every use)."""
    return CSRF_TOKEN.sub('name="csrfmiddlewaretoken" value=""', re.sub(r">\s+<", "><", html.strip()))
