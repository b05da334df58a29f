"""The audit trail builds its rows in Python (audit_rows) for speed: they must read
exactly as the template they replaced, in both languages, for entries with an actor, with
only the address typed at a failed login, with neither, and with text to escape."""

import pytest
from django.utils import translation

from sportello.accounts import audit
from sportello.accounts.models import AuditEntry
from sportello.markup_checks import render, same_markup

# The rows as console/audit_log.html wrote them before the tag.
ROWS_BEFORE = """{% for entry in entries %}
  <tr><td class="nowrap">{{ entry.created_at|date:"d-m-Y H:i:s" }}</td><td>{{ entry.get_kind_display }}</td>
    <td>{{ entry.actor.full_name|default:entry.actor_label|default:"—" }}</td><td>{{ entry.target }}</td>
    <td>{{ entry.company_name }}</td><td>{{ entry.detail }}</td><td class="nowrap">{{ entry.address|default:"" }}</td></tr>
  {% endfor %}"""


@pytest.fixture
def entries(people):
    people.acme.name = 'Acme & "Figli" <S.r.l.>'
    people.acme.save()
    audit.record(audit.Kind.EXPORT, actor=people.silvia, target="tickets <xlsx>", company=people.acme,
                 detail='filtri: "stato" & azienda')
    AuditEntry.objects.create(kind=audit.Kind.LOGIN_FAILED, actor_label="chi@ignoto.test", address="192.0.2.7")
    AuditEntry.objects.create(kind=audit.Kind.LOGIN_FAILED)
    return list(AuditEntry.objects.select_related("actor").order_by("id"))


@pytest.mark.parametrize("language", ["it", "en"])
def test_audit_rows_read_as_before(entries, language):
    with translation.override(language):
        before = render(ROWS_BEFORE, entries=entries)
        after = render("{% load audit_rows %}{% audit_rows entries %}", entries=entries)
    assert same_markup(after) == same_markup(before)
    assert "Silvia Supervisore" in after and "chi@ignoto.test" in after and "<td>—</td>" in after
    assert "Acme &amp; &quot;Figli&quot; &lt;S.r.l.&gt;" in after and "tickets &lt;xlsx&gt;" in after


def test_the_trail_lists_every_entry(entries, people, login):
    page = login(people.silvia).get("/console/audit/").content.decode()
    assert "chi@ignoto.test" in page and "192.0.2.7" in page and page.count("<tr><td class=\"nowrap\">") >= 3
