"""Strings that reach Italian users from Django and from the apps we use, and the
console's empty lists and column headings, read as Italian sentences."""

from datetime import timedelta

from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import timezone, translation

from sportello.phone.models import PhoneContract


def test_django_s_new_strings_are_in_italian():
    with translation.override("it"):
        assert str(BLANK_CHOICE_LABEL) == "- Scegliere un'opzione -"


def test_the_admin_names_every_app_and_column_in_italian(people, login):
    today = timezone.localdate()
    PhoneContract.objects.create(company=people.acme, valid_from=today, valid_until=today + timedelta(days=30))
    client = login(people.silvia)
    index = client.get("/admin/").text
    assert "Attività in background" in index and "Tasks Database Backend" not in index
    contracts = client.get("/admin/phone/phonecontract/").text
    assert "Codice di assistenza" in contracts and "Code display" not in contracts


def test_empty_lists_on_the_phone_desk_say_what_is_missing(people, login):
    page = login(people.anna).get(f"/console/phone/companies/{people.beta.pk}/").text
    assert "Nessun ticket aperto." in page and "Ancora nessuna chiamata." in page and "Nessuna richiamata." in page
    assert "Nessuno." not in page
