"""`{% page_link "after" cursor %}`: the address of another page of a list, keeping every
parameter the list was asked with (words, filters, sort) but the cursors and the download
format, so that no list loses its filters on page two."""

from django import template

register = template.Library()

CURSORS = ("after", "before", "format")


@register.simple_tag(takes_context=True)
def page_link(context, direction=None, cursor=None):
    params = context["request"].GET.copy()
    for key in CURSORS:
        params.pop(key, None)
    if direction:
        params[direction] = cursor
    return "?" + params.urlencode()
