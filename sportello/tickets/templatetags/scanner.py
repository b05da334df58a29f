from django import template

from sportello.tickets.scanner_status import cached_scanner_problem

register = template.Library()


@register.simple_tag
def scanner_problem():
    return cached_scanner_problem()
