"""Search hits are built in Python (search_hits) for speed: they must read exactly as the
template they replaced, in the console (company and technician shown) and in the
reserved area, in both languages, with and without a snippet, with text to escape."""

import pytest
from django.utils import translation

from sportello.console.views import LIST_RELATED
from sportello.markup_checks import render, same_markup
from sportello.search.results import Hit, snippet
from sportello.tickets import actions
from sportello.tickets.models import Ticket

# The hits as includes/search_results.html wrote them before the tag.
HITS_BEFORE = """{% load i18n ticket_badges %}{% for hit in hits %}{% with ticket=hit.ticket %}
    <li class="search-hit card">
      <p class="hit-head"><a class="code" href="{% url ticket_url ticket.code %}">{{ ticket.code }}</a>
        <a class="hit-subject" href="{% url ticket_url ticket.code %}">{{ ticket.subject }}</a>
        {% status_badge ticket %}</p>
      <p class="muted hit-meta">{% if show_company %}{{ ticket.company.name }} · {% endif %}{{ ticket.request_type }} · {% translate "updated" %} {{ ticket.updated_at|date:"d-m-Y H:i" }}{% if show_company and ticket.assignee %} · {{ ticket.assignee.full_name }}{% endif %}</p>
      {% if hit.snippet %}<p class="snippet">{{ hit.snippet }}</p>{% endif %}
    </li>
    {% endwith %}{% endfor %}"""


@pytest.fixture
def hits(people, open_ticket_for):
    people.acme.name = 'Acme & "Figli" <S.r.l.>'
    people.acme.save()
    first = open_ticket_for(people.giulia, subject="Backup <notturno> & \"remoto\"",
                            description="Il backup <b>non</b> parte & si blocca.")
    second = open_ticket_for(people.giulia, subject="Stampa registri")
    actions.claim_ticket(ticket=second, technician=people.anna)
    tickets = Ticket.objects.select_related(*LIST_RELATED).in_bulk([first.pk, second.pk])
    return [Hit(tickets[first.pk], snippet([first.description], {"backup"})), Hit(tickets[second.pk], "")]


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("where", [dict(ticket_url="console:ticket", show_company=True),
                                   dict(ticket_url="portal:ticket")])
def test_search_hits_read_as_before(hits, language, where):
    with translation.override(language):
        before = render(HITS_BEFORE, hits=hits, **where)
        after = render("{% load search_hits %}{% search_hits hits ticket_url show_company %}", hits=hits, **where)
    assert same_markup(after) == same_markup(before)
    assert "<mark>backup</mark> &lt;b&gt;non&lt;/b&gt;" in after and "&lt;notturno&gt; &amp; &quot;remoto&quot;" in after
    assert ("Anna Tecnico" in after) == ("show_company" in where)
    assert f'href="/{where["ticket_url"].split(":")[0]}/tickets/{hits[0].ticket.code}/"' in after
