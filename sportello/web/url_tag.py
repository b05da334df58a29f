"""`{% url %}` as Django's, remembering its answers. Every console page draws its
navigation (24–34 links) and each list row two or three more, and Django's reverse()
takes about 0.08 ms per link here: 2–5 ms per page. The addresses depend only on the
view's name, its arguments, the application namespace, the URL configuration and the
script prefix, which are all in the key (no address of ours is translated); the URL
configuration cannot change while the process runs (tests that change ROOT_URLCONF
empty the memory).
Installed as a template builtin (settings.TEMPLATES), so it replaces the default tag in
every template without a `{% load %}`."""

from functools import lru_cache
from urllib.parse import quote

from django import template
from django.core.signals import setting_changed
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.http import RFC3986_SUBDELIMS

register = template.Library()

REMEMBERED = 4096   # links: the navigation's, and the rows of the lists recently shown


@lru_cache(maxsize=REMEMBERED)
def _reversed(view_name, args, kwargs, current_app, urlconf, prefix):
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def remembered_reverse(view_name, args, kwargs, current_app):
    """reverse(), remembered when the arguments are plain strings and numbers (a model
    instance could name itself differently tomorrow)."""
    values = [*args, *kwargs.values()]
    if not isinstance(view_name, str) or not all(type(value) in (str, int) for value in values):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    return _reversed(view_name, tuple(args), tuple(sorted(kwargs.items())), current_app, get_urlconf(),
                     get_script_prefix())


# Stands for the argument in an address reversed once; digits, so that both <int:…> and
# <str:…> accept it.
_ARGUMENT = "987654321"


def addresses(view_name):
    """A function giving reverse(view_name, args=[value]) for a view of one plain argument,
    reversing only once: a list built in Python links each row to the same views, and
    even a remembered reverse per row costs more than a replace. The value is quoted as
    reverse() quotes it."""
    pattern = reverse(view_name, args=[_ARGUMENT])
    return lambda value: pattern.replace(_ARGUMENT, quote(str(value), safe=RFC3986_SUBDELIMS + "/~:@"))


class RememberedURLNode(URLNode):
    def render(self, context):
        # Django's URLNode.render, with remembered_reverse for reverse.
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = remembered_reverse(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)


def _forget(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _reversed.cache_clear()


setting_changed.connect(_forget)
