"""{% load i18n %} is Django's library with a faster {% translate "constant" %}
(web.i18n_tags): every form of the tag, and every translate tag in our templates, must
render exactly as Django's own, in both languages."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Engine
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
TAG = re.compile(r"{%\s*(?:translate|trans)\s.*?%}")

CASES = [
    "{% translate 'Queue' %}", "{% trans \"Queue\" %}", "{% translate 'Shared by' %}",
    "{% translate '100% of the units' %}", "{% translate 'Tom & Jerry <b>' %}", "{% translate \"l'azienda\" %}",
    "{% translate 'Queue' as label %}[{{ label }}]", "{% translate 'queue'|upper %}", "{% translate name %}",
    "{% translate 'Queue' noop %}", "{% translate 'May' context 'month name' %}", "{% translate '' %}",
    "{% autoescape off %}{% translate 'Tom & Jerry <b>' %}{% translate name %}{% endautoescape %}",
    "{% translate 'Status…' %} {% translate 'Search tickets…' as placeholder %}<input placeholder=\"{{ placeholder }}\">",
]


def _engine(i18n):
    return Engine(libraries={"i18n": i18n})


OURS, DJANGO = _engine("sportello.web.i18n_tags"), _engine("django.templatetags.i18n")


def _both(source, **context):
    return [engine.from_string("{% load i18n %}" + source).render(Context(context)) for engine in (OURS, DJANGO)]


def _our_tags():
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("sportello/**/templates/**/*.html"),
                 *ROOT.glob("sportello/**/templates/**/*.txt")]:
        yield from TAG.findall(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", ["it", "en"])
def test_every_form_renders_as_django_s(language):
    with translation.override(language):
        for source in CASES:
            ours, django = _both(source, name="<i>Queue</i>")
            assert ours == django, source


@pytest.mark.parametrize("language", ["it", "en"])
def test_every_translate_tag_of_our_templates_renders_as_django_s(language):
    tags = sorted(set(_our_tags()))
    assert len(tags) > 300
    with translation.override(language):
        for tag in tags:
            ours, django = _both(tag, name="x", value="y")
            assert ours == django, tag


def test_the_site_s_templates_load_ours():
    from django.template import engines

    from sportello.web import i18n_tags

    assert engines["django"].engine.template_libraries["i18n"] is i18n_tags.register
    node = engines["django"].from_string("{% load i18n %}{% translate 'Queue' %}").template.nodelist[-1]
    assert isinstance(node, i18n_tags.ConstantTranslateNode)
