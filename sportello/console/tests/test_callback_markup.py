"""The waiting call-backs' rows are built in Python (callback_markup) for speed: they must
read exactly as the template they replaced, in both languages, for every deadline state,
with and without preferred times, with text that needs escaping; and each row's button
must claim its own call-back."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from sportello.markup_checks import render, same_markup
from sportello.phone import actions
from sportello.phone.models import CallbackRequest

# The rows as the template wrote them before the tag (console/_callback_table.html).
ROWS_BEFORE = """{% load i18n %}{% for callback in queue %}
  <tr>
    <td>{{ callback.company.name }}<br><span class="muted">{{ callback.contact_name }}</span></td>
    <td class="nowrap">{{ callback.phone_number }}</td>
    <td>{{ callback.topic }}{% if callback.preferred_windows %}<br><span class="muted">{{ callback.preferred_windows }}</span>{% endif %}</td>
    <td class="nowrap">{{ callback.next_attempt_at|date:"d-m-Y H:i" }}</td>
    <td class="nowrap">{% with state=callback.target_state %}<span class="sla sla-{{ state }}"><time>{{ callback.due_at|date:"d-m-Y H:i" }}</time></span>{% endwith %}</td>
    <td><form method="post" action="{% url 'console:claim_callback' callback.pk %}">{% csrf_token %}<button class="button button-small" type="submit">{% translate "I'll call" %}</button></form></td>
  </tr>{% endfor %}"""


@pytest.fixture
def waiting(people):
    now = timezone.now()
    people.beta.name = 'Beta & "Figli" <S.p.A.>'
    people.beta.save()
    made = [
        actions.request_callback(company=people.acme, phone_number="02 1234 5678", contact_name="Giulia Rossi",
                                 topic="Registri IVA", preferred_windows="9-12, 14-17"),
        actions.request_callback(company=people.beta, phone_number="+39 333 <1>", contact_name="Luca & Co",
                                 topic='Stampa "F24" <urgente>'),
        actions.request_callback(company=people.acme, phone_number="06 555", not_before=now + timedelta(hours=30)),
    ]
    # One on time, one at risk, one late.
    CallbackRequest.objects.filter(pk=made[1].pk).update(at_risk_at=now - timedelta(minutes=5))
    CallbackRequest.objects.filter(pk=made[2].pk).update(at_risk_at=now - timedelta(hours=2),
                                                         due_at=now - timedelta(hours=1))
    return list(CallbackRequest.objects.select_related("company").order_by("id"))


@pytest.mark.parametrize("language", ["it", "en"])
def test_callback_rows_read_as_before(waiting, language):
    with translation.override(language):
        before = render(ROWS_BEFORE, with_request=True, queue=waiting)
        after = render("{% load callback_markup %}{% callback_rows queue %}", with_request=True, queue=waiting)
    assert same_markup(after) == same_markup(before)
    assert {"sla-on_time", "sla-at_risk", "sla-missed"} <= set(re.findall(r"sla-\w+", after))
    assert "Beta &amp; &quot;Figli&quot; &lt;S.p.A.&gt;" in after and "&lt;urgente&gt;" in after
    assert ("Chiamo io" in after) == (language == "it")


def test_each_row_claims_its_own_callback(waiting, people, login):
    page = login(people.anna).get("/console/callbacks/").content.decode()
    actions_in_rows = re.findall(r"/console/callbacks/\d+/claim/", page)
    assert len(actions_in_rows) == len(waiting)
    login(people.anna).post(actions_in_rows[1])
    claimed = CallbackRequest.objects.get(state=CallbackRequest.State.CLAIMED)
    assert claimed.pk == waiting[1].pk and claimed.claimed_by == people.anna
