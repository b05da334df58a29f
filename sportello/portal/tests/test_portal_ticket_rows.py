"""The reserved area's ticket list builds its rows in Python (portal_ticket_rows) for
speed: they must read exactly as the template they replaced, in both languages, for
tickets in different states, with text that needs escaping; and each code links to its
ticket."""

import pytest
from django.utils import translation

from sportello.markup_checks import render, same_markup
from sportello.tickets import actions
from sportello.tickets.models import Ticket

# The rows as portal/ticket_list.html wrote them before the tag.
ROWS_BEFORE = """{% load i18n ticket_badges %}{% for ticket in tickets %}
  <tr>
    <td><a class="code" href="{% url 'portal:ticket' ticket.code %}">{{ ticket.code }}</a></td>
    <td data-label="{% translate 'Inserted' %}" class="nowrap">{{ ticket.created_at|date:"d-m-Y" }}</td>
    <td data-label="{% translate 'Request type' %}">{{ ticket.request_type }}</td>
    <td data-label="{% translate 'Subject' %}">{{ ticket.subject }}</td>
    <td data-label="{% translate 'Status' %}">{% status_badge ticket %}</td>
    <td data-label="{% translate 'Last update' %}" class="nowrap">{{ ticket.updated_at|date:"d-m-Y H:i" }}</td>
  </tr>
  {% endfor %}"""


@pytest.fixture
def listed(people, open_ticket_for):
    open_ticket_for(people.giulia, subject="Stampa <b>F24</b> & \"modelli\"")
    answered = open_ticket_for(people.mario, subject="Backup")
    actions.claim_ticket(ticket=answered, technician=people.anna)
    actions.reply_to_customer(ticket=answered, author=people.anna, body="Provi ora.")
    return list(Ticket.objects.select_related("request_type").order_by("-id"))


@pytest.mark.parametrize("language", ["it", "en"])
def test_portal_rows_read_as_before(listed, language):
    with translation.override(language):
        before = render(ROWS_BEFORE, tickets=listed)
        after = render("{% load portal_ticket_rows %}{% portal_ticket_rows tickets %}", tickets=listed)
    assert same_markup(after) == same_markup(before)
    assert "Stampa &lt;b&gt;F24&lt;/b&gt; &amp; &quot;modelli&quot;" in after
    assert ('data-label="Inserito"' in after) == (language == "it")


def test_the_list_links_each_code_to_its_ticket(listed, people, login):
    page = login(people.mario).get("/portal/").content.decode()
    for ticket in listed:
        assert f'<a class="code" href="/portal/tickets/{ticket.code}/">{ticket.code}</a>' in page
