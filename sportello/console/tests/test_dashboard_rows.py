"""The dashboard's tables build their rows in Python (dashboard_rows) for speed: they must
read exactly as the templates they replaced, in both languages: answers owed with and
without a technician, technicians available, on a break or off duty, at the desk, seen
earlier or never, and companies with and without an expiring package or a forecast, and
the empty tables."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from sportello.console.views import LIST_RELATED
from sportello.customers.watch import Expiring, Watched
from sportello.markup_checks import render, same_markup
from sportello.tickets import actions
from sportello.tickets.models import Ticket

OLDEST_BEFORE = """{% load i18n ticket_badges %}{% for ticket in oldest %}<tr><td><a class="code" href="{% url 'console:ticket' ticket.code %}">{{ ticket.code }}</a></td><td>{{ ticket.company.name }}</td><td>{{ ticket.assignee.full_name|default:"—" }}</td><td>{% sla_badge ticket %}</td></tr>
      {% empty %}<tr><td colspan="4">{% translate "No answer is owed." %}</td></tr>{% endfor %}"""
TECHNICIANS_BEFORE = """{% load i18n %}{% for row in technicians %}<tr><th scope="row">{{ row.person.full_name }}</th><td class="number">{{ row.open }}</td><td class="number">{{ row.waiting }}</td><td class="number">{{ row.total }}</td><td><span class="badge {% if row.person.availability == 'available' %}badge-resolved{% elif row.person.availability == 'break' %}badge-open{% else %}badge-muted{% endif %}">{{ row.person.get_availability_display }}</span>
        {% if row.at_desk %}<br><span class="muted">{% translate "online" %}</span>{% elif row.person.last_seen_at %}<br><span class="muted">{% blocktranslate with when=row.person.last_seen_at|date:"d-m-Y H:i" %}seen {{ when }}{% endblocktranslate %}</span>{% endif %}</td></tr>{% endfor %}"""
WATCH_BEFORE = """{% load i18n %}{% for row in watch %}<tr><td><a href="{% url 'console:company' row.company.pk %}">{{ row.company.name }}</a></td><td class="number"><span class="units{% if row.balance == 0 %} units-minus{% endif %}">{{ row.balance }}</span></td>
      <td>{% if row.expiring %}{{ row.expiring.left }} {% translate "tickets" %} · {% translate "until" %} {{ row.expiring.valid_until|date:"d-m-Y" }}{% else %}—{% endif %}</td>
      <td>{{ row.runs_out_on|date:"d-m-Y"|default:"—" }}</td></tr>
    {% empty %}<tr><td colspan="4">{% translate "Every package customer has enough tickets." %}</td></tr>{% endfor %}"""


@pytest.fixture
def tables(people, open_ticket_for):
    people.acme.name = 'Acme & "Figli" <S.r.l.>'
    people.acme.save()
    open_ticket_for(people.giulia)
    second = open_ticket_for(people.luca)
    actions.claim_ticket(ticket=second, technician=people.anna)
    oldest = list(Ticket.objects.select_related(*LIST_RELATED).order_by("id"))
    now = timezone.now()
    people.anna.availability, people.anna.last_seen_at = "available", now
    people.paolo.availability, people.paolo.last_seen_at = "break", now - timedelta(hours=3)
    people.silvia.availability, people.silvia.last_seen_at = "off", None
    technicians = [{"person": person, "new": 0, "open": n, "waiting": 2 * n, "total": 3 * n, "at_desk": n == 1}
                   for n, person in enumerate([people.anna, people.paolo, people.silvia], start=1)]
    watch = [Watched(company=people.acme, balance=0, expiring=Expiring(7, date(2027, 1, 31), 3), daily_use=0.5,
                     runs_out_on=date(2026, 12, 24)),
             Watched(company=people.beta, balance=12, expiring=None, daily_use=0.0, runs_out_on=None)]
    return {"oldest": oldest, "technicians": technicians, "watch": watch}


@pytest.mark.parametrize("language", ["it", "en"])
def test_dashboard_rows_read_as_before(tables, language):
    with translation.override(language):
        for name, before in [("oldest", OLDEST_BEFORE), ("technicians", TECHNICIANS_BEFORE), ("watch", WATCH_BEFORE)]:
            tag = {"oldest": "oldest_rows", "technicians": "technician_rows", "watch": "watch_rows"}[name]
            for value in (tables[name], []):
                after = render(f"{{% load dashboard_rows %}}{{% {tag} {name} %}}", **{name: value})
                assert same_markup(after) == same_markup(render(before, **{name: value})), (name, value)
            assert "<tr>" in render(f"{{% load dashboard_rows %}}{{% {tag} {name} %}}", **tables)
        page = render("{% load dashboard_rows %}{% watch_rows watch %}{% technician_rows technicians %}", **tables)
    assert "Acme &amp; &quot;Figli&quot; &lt;S.r.l.&gt;" in page and "24-12-2026" in page
    assert ("visto il" in page) == (language == "it")


def test_the_dashboard_shows_its_tables(tables, people, login):
    page = login(people.silvia).get("/console/dashboard/").content.decode()
    assert all(ticket.code in page for ticket in tables["oldest"])
    assert "Anna Tecnico" in page and "Paolo Tecnico" in page
