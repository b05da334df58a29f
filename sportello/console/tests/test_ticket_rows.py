"""The console's ticket lists build their rows in Python (ticket_rows) for speed: they must
read exactly as the template they replaced, in both languages, for new tickets one can
take, assigned, urgent and answered ones, tickets with news for the technician and text
that needs escaping; and each row's "Take" claims its own ticket."""

import re

import pytest
from django.utils import translation

from sportello.console.views import LIST_RELATED
from sportello.markup_checks import render, same_markup
from sportello.tickets import actions
from sportello.tickets.models import Ticket

# The rows as console/_ticket_table.html wrote them before the tag.
ROWS_BEFORE = """{% load i18n ticket_badges %}{% for ticket in tickets %}
  <tr>
    <td class="select-col"><input type="checkbox" name="tickets" value="{{ ticket.code }}" form="bulk-form" aria-label="{% blocktranslate with code=ticket.code %}Select {{ code }}{% endblocktranslate %}"></td>
    <td><a class="code" href="{% url 'console:ticket' ticket.code %}">{{ ticket.code }}</a></td>
    <td>{{ ticket.company.name }}<br><span class="muted">{{ ticket.requester_name }}</span></td>
    <td>{{ ticket.request_type }}</td>
    <td>{{ ticket.subject }}{% if ticket.news %} <span class="badge badge-news">{{ ticket.get_news_display|capfirst }}</span>{% endif %}</td>
    <td>{% status_badge ticket %}{% if ticket.priority == "urgent" %} <span class="badge badge-urgent">{{ ticket.get_priority_display }}</span>{% endif %}</td>
    <td>{{ ticket.assignee.full_name|default:"—" }}</td>
    <td class="nowrap">{% last_activity ticket %}</td>
    <td>{% sla_badge ticket %}</td>
    <td>{% if ticket.status == "new" and not ticket.assignee_id %}<form method="post" action="{% url 'console:claim' ticket.code %}">{% csrf_token %}<button class="button button-small" type="submit" aria-label="{% blocktranslate with code=ticket.code %}Take {{ code }}{% endblocktranslate %}">{% translate "Take" %}</button></form>{% endif %}</td>
  </tr>
  {% endfor %}"""


@pytest.fixture
def listed(people, open_ticket_for):
    people.acme.name = 'Acme & "Figli" <S.r.l.>'
    people.acme.save()
    new = open_ticket_for(people.giulia, subject="Stampa <b>F24</b> & \"modelli\"")
    taken = open_ticket_for(people.giulia, subject="Registri IVA")
    actions.claim_ticket(ticket=taken, technician=people.anna)
    answered = open_ticket_for(people.mario, subject="Backup")
    actions.claim_ticket(ticket=answered, technician=people.paolo)
    actions.reply_to_customer(ticket=answered, author=people.paolo, body="Provi ora.")
    actions.reply_as_customer(ticket=answered, author=people.mario, author_name="Mario Rossi", body="Ancora no.")
    Ticket.objects.filter(pk=new.pk).update(priority="urgent")
    tickets = list(Ticket.objects.select_related(*LIST_RELATED).order_by("id"))
    assert {t.status for t in tickets} >= {"new", "open"} and any(t.news for t in tickets)
    return tickets


@pytest.mark.parametrize("language", ["it", "en"])
def test_ticket_rows_read_as_before(listed, language):
    with translation.override(language):
        before = render(ROWS_BEFORE, with_request=True, tickets=listed)
        after = render("{% load ticket_rows %}{% ticket_rows tickets %}", with_request=True, tickets=listed)
    assert same_markup(after) == same_markup(before)
    assert after.count('name="csrfmiddlewaretoken"') == 1 and "badge-urgent" in after and "badge-news" in after
    assert "Stampa &lt;b&gt;F24&lt;/b&gt; &amp; &quot;modelli&quot;" in after
    assert ("Prendi in carico" in after) == (language == "it")


def test_take_claims_the_ticket_of_its_row(listed, people, login):
    client = login(people.paolo)
    page = client.get("/console/").content.decode()
    claims = re.findall(r'action="(/console/tickets/[^"/]+/claim/)"', page)
    new = [ticket for ticket in listed if ticket.status == "new"]
    assert len(claims) == len(new) == 1
    client.post(claims[0])
    assert Ticket.objects.get(pk=new[0].pk).assignee == people.paolo
