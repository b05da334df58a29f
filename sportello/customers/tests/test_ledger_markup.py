"""A company's movements are built in Python (ledger_markup) for speed: they must read
exactly as the template they replaced, in both languages, for purchases, openings,
refunds and adjustments either way, on a package and on the credit, with and without a
ticket, with text that needs escaping; and the pages that show them still show them."""

import pytest
from django.utils import translation

from sportello.customers import ledger
from sportello.customers.models import LedgerEntry, PackageProduct
from sportello.markup_checks import render, same_markup

# The rows as templates/includes/ledger_table.html wrote them before the tag.
ROWS_BEFORE = """{% load i18n %}{% for entry in entries %}
  <tr>
    <td data-label="{% translate 'Date' %}" class="nowrap">{{ entry.created_at|date:"d-m-Y H:i" }}</td>
    <td data-label="{% translate 'Movement' %}">{{ entry.get_kind_display }}</td>
    <td data-label="{% translate 'Units' context 'ledger' %}" class="units {% if entry.units > 0 %}units-plus{% else %}units-minus{% endif %}">{% if entry.units > 0 %}+{% endif %}{{ entry.units }}</td>
    <td data-label="{% translate 'Package' %}">{% if entry.package %}{{ entry.package.product.name }}{% else %}{% translate "Credit" %}{% endif %}</td>
    <td data-label="{% translate 'Ticket' %}">{% if entry.ticket %}<span class="code">{{ entry.ticket.code }}</span>{% endif %}</td>
    <td data-label="{% translate 'Reason' %}">{{ entry.reason }}</td>
  </tr>
  {% empty %}
  <tr><td colspan="6">{% translate "No movements yet." %}</td></tr>
  {% endfor %}"""


@pytest.fixture
def movements(people, open_ticket_for):
    product = PackageProduct.objects.create(name='Pacchetto "Grande" <1.000.000> & più', units=1_234_567)
    ledger.record_purchase(company=people.acme, product=product, purchased_on=ledger.today(),
                           notes="Ordine n. 5 <urgente> & \"firmato\"", by=people.silvia)
    ticket = open_ticket_for(people.giulia, subject="Stampa", description="Non stampa")
    ledger.refund_unit(ticket=ticket, reason="duplicate", note="aperto due volte", by=people.silvia)
    ledger.adjust_units(company=people.acme, units=3, reason="Omaggio", by=people.silvia)
    ledger.adjust_units(company=people.acme, units=-2, reason="Correzione", by=people.silvia)
    # As the template read them (the ticket loaded), and as the pages read them now.
    entries = list(LedgerEntry.objects.filter(company=people.acme).select_related("package__product", "ticket")
                   .order_by("-id"))
    assert {entry.kind for entry in entries} >= {"purchase", "consume", "refund", "adjust"}
    return entries, list(ledger.movements(people.acme))


@pytest.mark.parametrize("language", ["it", "en"])
def test_ledger_rows_read_as_before(movements, language):
    with translation.override(language):
        before = render(ROWS_BEFORE, entries=movements[0])
        after = render("{% load ledger_markup %}{% ledger_rows entries %}", entries=movements[1])
        assert same_markup(after) == same_markup(before)
        assert same_markup(render("{% load ledger_markup %}{% ledger_rows entries %}", entries=[])) == \
            same_markup(render(ROWS_BEFORE, entries=[]))
    assert "+1234567" in after and "units-minus" in after and 'class="code"' in after
    assert "&lt;urgente&gt; &amp; &quot;firmato&quot;" in after
    assert ("Credito" in after) == (language == "it")


def test_both_pages_show_the_movements(movements, people, login):
    portal = login(people.mario).get("/portal/packages/").content.decode()
    console = login(people.silvia).get(f"/console/companies/{people.acme.pk}/").content.decode()
    for page in (portal, console):
        assert page.count('class="units units-') == len(movements[1])
        assert "Omaggio" in page and "Correzione" in page
