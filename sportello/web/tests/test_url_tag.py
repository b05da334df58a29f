"""{% url %} remembers its answers (web.url_tag): whatever it remembers, every address
must be the one Django's own tag gives at that moment."""

import pytest
from django.template import Context, Engine, engines
from django.test import override_settings
from django.urls import NoReverseMatch, path, reverse, set_script_prefix

from sportello.web import url_tag


def render(source, **context):
    return engines["django"].from_string(source).render(context)


def by_django(source, **context):
    """The same template through an engine without our builtin."""
    return Engine(libraries={}).from_string(source).render(Context(context))


def test_addresses_are_django_s_with_and_without_arguments():
    source = "{% url 'console:queue' %} {% url 'console:ticket' code %} {% url 'console:ticket' code=code %}"
    for code in ("TK000001", "TK000002", "TK000001"):
        assert render(source, code=code) == by_django(source, code=code)
    assert render(source, code="TK000001") == "/console/ /console/tickets/TK000001/ /console/tickets/TK000001/"


def test_a_script_prefix_is_part_of_what_is_remembered():
    source = "{% url 'console:queue' %}"
    assert render(source) == "/console/"
    try:
        set_script_prefix("/assistenza/")
        assert render(source) == "/assistenza/console/" == reverse("console:queue")
    finally:
        set_script_prefix("/")
    assert render(source) == "/console/"


def _other_page(request):   # pragma: no cover - never called, only reversed
    raise AssertionError


urlpatterns = [path("altrove/", _other_page, name="queue")]


def test_another_url_configuration_is_not_answered_from_memory():
    render("{% url 'queue' as address %}{{ address }}")
    with override_settings(ROOT_URLCONF=__name__):
        assert render("{% url 'queue' %}") == "/altrove/"
    assert render("{% url 'queue' as address %}[{{ address }}]") == "[]"


def test_an_object_argument_is_asked_every_time(people, open_ticket_for):
    ticket = open_ticket_for(people.giulia)
    url_tag._reversed.cache_clear()
    assert render("{% url 'console:ticket' ticket.code %}", ticket=ticket) == f"/console/tickets/{ticket.code}/"
    render("{% url 'console:ticket' ticket %}", ticket=ticket)   # str(ticket): not remembered
    assert url_tag._reversed.cache_info().currsize == 1


def test_unknown_names_fail_as_with_django():
    with pytest.raises(NoReverseMatch):
        render("{% url 'console:nothing' %}")
    assert render("{% url 'console:nothing' as address %}[{{ address }}]") == "[]"


@pytest.mark.parametrize("prefix", ["/", "/assistenza/"])
def test_addresses_reversed_once_are_django_s(prefix):
    """Rows built in Python link with url_tag.addresses: the same address as reverse(),
    for text and number arguments, values to quote, under any script prefix."""
    try:
        set_script_prefix(prefix)
        for view, values in (("console:ticket", ["TK000001", "TK 1?à#", "987654321"]),
                             ("console:company", [7, 987654321, 12345678901]),
                             ("portal:ticket", ["TK999999"])):
            address = url_tag.addresses(view)
            assert [address(value) for value in values] == [reverse(view, args=[value]) for value in values]
    finally:
        set_script_prefix("/")
