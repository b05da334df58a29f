"""Supervisors publish releases from the console; people who asked hear about each
release once, in their language; customers see when an update is out."""

import hashlib
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sportello.accounts.models import AuditEntry, User
from sportello.conftest import log_in
from sportello.customers.models import Company, Contact
from sportello.outbox.models import OutboundMail
from sportello.releases import publishing
from sportello.releases.models import Release, ReleaseNotice
from sportello.testing import run_together

from .conftest import make_release


def client_of(user):
    client = Client()
    log_in(client, user)
    return client


def wants_news(*users):
    Contact.objects.filter(user__in=users).update(release_news=True)


def release_mails():
    return OutboundMail.objects.filter(template="release_published")


def test_a_supervisor_publishes_a_release_with_its_files(people, catalogue, login):
    installer, manual = os.urandom(300_000), b"%PDF-1.4 manuale"
    silvia = login(people.silvia)
    answer = silvia.post(reverse("console:releases"), {
        "product": catalogue.omnia.pk, "version": "4.10", "released_on": "27-11-2026", "channel": "stable",
        "notes": "## Novità\n\n- Fattura elettronica **2027**\n\n<script>alert(1)</script>", "kind": "installer",
        "publish": "on", "recommended": "on",
        "files": [SimpleUploadedFile("omnia-4.10.zip", installer), SimpleUploadedFile("manuale.pdf", manual)]})
    release = Release.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("console:release", args=[release.pk])
    assert (release.state, release.is_recommended, release.released_on.isoformat()) == ("published", True,
                                                                                       "2026-11-27")
    stored = {f.name: f for f in release.files.all()}
    assert stored["omnia-4.10.zip"].sha256 == hashlib.sha256(installer).hexdigest()
    assert stored["omnia-4.10.zip"].size == len(installer) and stored["omnia-4.10.zip"].file.read() == installer
    page = silvia.get(reverse("console:release", args=[release.pk])).content.decode()
    assert "<h2>Novità</h2>" in page and "<strong>2027</strong>" in page and "<script>alert" not in page
    assert AuditEntry.objects.filter(kind="release", detail="published").count() == 1


def test_form_errors_keep_the_release_unwritten(people, catalogue, login):
    silvia = login(people.silvia)
    answer = silvia.post(reverse("console:releases"), {
        "product": catalogue.omnia.pk, "version": "quattro", "released_on": "27-11-2026", "channel": "stable",
        "kind": "installer", "files": [SimpleUploadedFile("a.zip", b"a")]})
    assert answer.status_code == 200 and "numeri separati da punti" in answer.content.decode()
    make_release(catalogue.omnia, "4.6", by=people.silvia)
    twice = silvia.post(reverse("console:releases"), {
        "product": catalogue.omnia.pk, "version": "4.6", "released_on": "27-11-2026", "channel": "stable",
        "kind": "installer", "files": [SimpleUploadedFile("a.zip", b"a")]})
    assert "esiste già" in twice.content.decode()
    no_file = silvia.post(reverse("console:releases"), {
        "product": catalogue.omnia.pk, "version": "4.7", "released_on": "27-11-2026", "channel": "stable",
        "kind": "installer"})
    assert "Scelga almeno un file" in no_file.content.decode()
    assert Release.objects.count() == 1


def test_oversized_files_are_refused_before_they_are_stored(people, catalogue, login, settings):
    settings.SPORTELLO_MAX_RELEASE_MB = 1
    answer = login(people.silvia).post(reverse("console:releases"), {
        "product": catalogue.omnia.pk, "version": "4.7", "released_on": "27-11-2026", "channel": "stable",
        "kind": "installer", "files": [SimpleUploadedFile("huge.zip", b"x" * (1024 * 1024 + 1))]})
    assert "troppo grande" in answer.content.decode() and not Release.objects.exists()


def test_technicians_read_releases_but_do_not_change_them(people, catalogue, login):
    release = make_release(catalogue.omnia, "4.6", by=people.silvia)
    anna = login(people.anna)
    assert "4.6" in anna.get(reverse("console:releases")).content.decode()
    assert anna.post(reverse("console:change_release", args=[release.pk]), {"action": "withdraw"}).status_code == 403
    assert anna.post(reverse("console:add_product"), {"name": "Altro"}).status_code == 403
    anna.post(reverse("console:releases"), {"product": catalogue.omnia.pk, "version": "9.9",
                                            "released_on": "27-11-2026", "channel": "stable", "kind": "installer"})
    assert Release.objects.get(pk=release.pk).state == "published" and Release.objects.count() == 1


def test_people_who_asked_get_one_email_per_release_in_their_language(people, catalogue):
    wants_news(people.mario, people.luca)
    User.objects.filter(pk=people.mario.pk).update(language="en")
    release = make_release(catalogue.omnia, "4.6", by=people.silvia, publish=False)
    publishing.publish(release=release, recommended=True, by=people.silvia)
    mail = release_mails().get()   # Mario; not Giulia (did not ask), not Luca (no Omnia contract)
    assert mail.to == ["mario@acme.test"] and mail.subject == "Omnia Contabilità 4.6 is available"
    publishing.withdraw(release=release, by=people.silvia)
    publishing.publish(release=release, recommended=True, by=people.silvia)
    assert release_mails().count() == 1
    wants_news(people.giulia)
    publishing.withdraw(release=release, by=people.silvia)
    publishing.publish(release=release, recommended=False, by=people.silvia)
    assert sorted(m.to[0] for m in release_mails()) == ["giulia@acme.test", "mario@acme.test"]
    assert "disponibile" in release_mails().get(to=["giulia@acme.test"]).subject


def test_beta_release_emails_only_to_companies_that_take_betas(people, catalogue):
    wants_news(people.mario)
    make_release(catalogue.omnia, "4.7 beta1", by=people.silvia, channel="beta")
    assert not release_mails().exists()
    Company.objects.filter(pk=people.acme.pk).update(beta_releases=True)
    make_release(catalogue.omnia, "4.7 beta2", by=people.silvia, channel="beta")
    assert release_mails().get().subject == "Omnia Contabilità 4.7 beta2 (beta) è disponibile"


@pytest.mark.django_db(transaction=True)
def test_two_supervisors_publishing_at_once_send_each_email_once(people, catalogue):
    wants_news(people.mario, people.giulia)
    release = make_release(catalogue.omnia, "4.6", by=people.silvia, publish=False)
    results = run_together([lambda: publishing.publish(release=release, recommended=True, by=people.silvia)[1]
                            for _ in range(3)])
    assert sorted(results) == [0, 0, 2]
    assert release_mails().count() == 2 == ReleaseNotice.objects.count()


def test_one_recommended_release_per_product(people, catalogue):
    first = make_release(catalogue.omnia, "4.5", by=people.silvia, recommended=True)
    second = make_release(catalogue.omnia, "4.6", by=people.silvia, recommended=True)
    assert list(Release.objects.filter(is_recommended=True)) == [second]
    publishing.recommend(release=first, by=people.silvia)
    assert list(Release.objects.filter(is_recommended=True)) == [first]
    beta = make_release(catalogue.omnia, "4.7 beta1", by=people.silvia, channel="beta")
    with pytest.raises(publishing.ReleaseRefused):
        publishing.recommend(release=beta, by=people.silvia)


def test_a_company_on_an_older_version_is_told_an_update_is_out(people, catalogue):
    make_release(catalogue.omnia, "4.5", by=people.silvia)
    make_release(catalogue.omnia, "4.10", by=people.silvia, recommended=True)
    giulia = client_of(people.giulia)
    assert "Aggiornamento disponibile" not in giulia.get(reverse("portal:tickets")).content.decode()
    refused = giulia.post(reverse("portal:installed_version"), {"product": catalogue.omnia.pk, "version": "x"},
                          follow=True)
    assert "numeri separati da punti" in refused.content.decode()
    giulia.post(reverse("portal:installed_version"), {"product": catalogue.omnia.pk, "version": "4.9"})
    home = giulia.get(reverse("portal:tickets")).content.decode()
    assert "Aggiornamento disponibile: 4.10 (installata: 4.9)" in home   # 4.10 is newer than 4.9
    giulia.post(reverse("portal:installed_version"), {"product": catalogue.omnia.pk, "version": "4.10"})
    assert "Aggiornamento disponibile" not in giulia.get(reverse("portal:tickets")).content.decode()
    # Beta's contact cannot record a version of a product Beta has no contract for.
    luca = client_of(people.luca)
    luca.post(reverse("portal:installed_version"), {"product": catalogue.omnia.pk, "version": "1.0"})
    assert not publishing.InstalledVersion.objects.filter(company=people.beta).exists()


def test_each_person_chooses_the_emails_and_administrators_the_betas(people, catalogue):
    giulia = client_of(people.giulia)
    giulia.post(reverse("portal:release_preferences"), {"release_news": "on"})
    assert Contact.objects.get(user=people.giulia).release_news
    assert giulia.post(reverse("portal:release_preferences"), {"beta_releases": "1"}).status_code == 404
    client_of(people.mario).post(reverse("portal:release_preferences"), {"beta_releases": "1"})
    assert Company.objects.get(pk=people.acme.pk).beta_releases
    assert not Company.objects.get(pk=people.beta.pk).beta_releases
    giulia.post(reverse("portal:release_preferences"), {})
    assert not Contact.objects.get(user=people.giulia).release_news
