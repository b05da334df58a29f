"""Who may see and download a release is decided by contract: every persona, every
address — a guessed one answers 404 exactly like one that does not exist."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from sportello.accounts.models import User
from sportello.conftest import log_in
from sportello.customers import contracts
from sportello.customers.ledger import today
from sportello.customers.models import Company, Contract
from sportello.releases import publishing
from sportello.releases.models import Release, ReleaseFile

from .conftest import make_release


def client_of(user):
    client = Client()
    log_in(client, user)
    return client


def file_url(release_file):
    return reverse("portal:download", args=[release_file.pk, release_file.name])


@pytest.fixture
def shelf(people, catalogue):
    """Omnia 4.5 and 4.6 (stable), 4.7 beta, a 4.8 draft; Paghe 2.0."""
    by = people.silvia
    return {
        "4.5": make_release(catalogue.omnia, "4.5", by=by),
        "4.6": make_release(catalogue.omnia, "4.6", by=by, recommended=True),
        "4.7b": make_release(catalogue.omnia, "4.7 beta1", by=by, channel="beta"),
        "4.8": make_release(catalogue.omnia, "4.8", by=by, publish=False),
        "paghe": make_release(catalogue.paghe, "2.0", by=by, files=[("paghe.zip", b"paghe 2.0")]),
    }


def visible_versions(user):
    user = User.objects.get(pk=user.pk)   # as a request would load them
    return sorted(Release.objects.visible_to(user).values_list("version", flat=True))


def test_each_persona_sees_what_its_contract_covers(people, shelf):
    # Both Acme contacts (administrator or not) see Omnia's published stable releases.
    assert visible_versions(people.mario) == visible_versions(people.giulia) == ["4.5", "4.6"]
    assert visible_versions(people.luca) == ["2.0"]
    assert visible_versions(people.anna) == visible_versions(people.silvia) == sorted(
        ["4.5", "4.6", "4.7 beta1", "4.8", "2.0"])


def test_beta_releases_only_for_companies_that_opted_in(people, shelf):
    Company.objects.filter(pk=people.acme.pk).update(beta_releases=True)
    assert visible_versions(people.mario) == ["4.5", "4.6", "4.7 beta1"]


@pytest.mark.parametrize("change", ["suspended", "expired", "not started", "company inactive"])
def test_no_active_contract_no_releases(people, catalogue, shelf, change):
    contract = catalogue.acme_contract
    if change == "suspended":
        contracts.set_suspended(contract=contract, suspended=True, by=people.silvia)
    elif change == "expired":
        Contract.objects.filter(pk=contract.pk).update(valid_until=today() - timedelta(days=1))
    elif change == "not started":
        Contract.objects.filter(pk=contract.pk).update(valid_from=today() + timedelta(days=1))
    else:
        Company.objects.filter(pk=people.acme.pk).update(is_active=False)
    mario = client_of(people.mario)
    assert visible_versions(people.mario) == []
    assert mario.get(file_url(shelf["4.6"].files.get())).status_code == 404
    page = mario.get(reverse("portal:downloads"))
    assert page.status_code in (200, 302) and "setup.zip" not in page.content.decode()


def test_guessed_file_addresses_answer_404_like_missing_ones(people, shelf):
    luca = client_of(people.luca)
    missing = luca.get(reverse("portal:download", args=[999_999, "setup.zip"]))
    assert missing.status_code == 404
    for key in ("4.5", "4.6", "4.7b", "4.8"):   # Acme's product, beta, draft: all 404 for Beta
        answer = luca.get(file_url(shelf[key].files.get()))
        assert answer.status_code == 404 and answer.get("Content-Disposition") is None
    assert luca.get(file_url(shelf["paghe"].files.get())).status_code == 200
    mario = client_of(people.mario)
    for key in ("4.7b", "4.8", "paghe"):
        assert mario.get(file_url(shelf[key].files.get())).status_code == 404
    # The right id with another name is not the file either.
    assert mario.get(reverse("portal:download", args=[shelf["4.6"].files.get().pk, "other.zip"])).status_code == 404
    # Customers never reach the console's copy of the address.
    console_url = reverse("console:release_file", args=[shelf["4.6"].files.get().pk, "setup.zip"])
    assert mario.get(console_url).status_code == 302


def test_the_downloads_page_lists_only_what_the_company_may_take(people, shelf):
    page = client_of(people.giulia).get(reverse("portal:downloads")).content.decode()
    assert "Omnia Contabilità" in page and "Versione 4.6" in page and "Versione 4.5" in page
    assert "4.7 beta1" not in page and "4.8" not in page and "Omnia Paghe" not in page
    assert shelf["4.6"].files.get().sha256 in page
    assert "Omnia Contabilità" not in client_of(people.luca).get(reverse("portal:downloads")).content.decode()


def test_withdrawal_hides_a_release_at_once(people, shelf):
    mario = client_of(people.mario)
    release_file = shelf["4.6"].files.get()
    assert mario.get(file_url(release_file)).status_code == 200
    publishing.withdraw(release=shelf["4.6"], by=people.silvia)
    assert mario.get(file_url(release_file)).status_code == 404
    assert "Versione 4.6" not in mario.get(reverse("portal:downloads")).content.decode()
    assert ReleaseFile.objects.filter(pk=release_file.pk).exists()   # kept, for the vendor
    release = Release.objects.get(pk=shelf["4.6"].pk)
    assert not release.is_recommended
    publishing.publish(release=release, recommended=False, by=people.silvia)
    assert mario.get(file_url(release_file)).status_code == 200


def test_retired_contacts_download_nothing(people, shelf):
    mario = client_of(people.mario)
    people.mario.is_active = False
    people.mario.save()
    assert mario.get(file_url(shelf["4.6"].files.get())).status_code in (302, 404)
    assert visible_versions(people.mario) == []


def test_staff_download_every_file_from_the_console(people, shelf, login):
    anna = login(people.anna)
    draft_file = shelf["4.8"].files.get()
    answer = anna.get(reverse("console:release_file", args=[draft_file.pk, draft_file.name]))
    assert answer.status_code == 200 and b"".join(answer.streaming_content) == b"PK\x03\x04 installer"
