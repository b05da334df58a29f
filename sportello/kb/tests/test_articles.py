"""Knowledge-base articles: written in the console, read by customers in their
language, public ones by anyone; drafts and archived ones by staff only; readers'
answers counted once per reader."""

from django.test import Client
from django.urls import reverse

from sportello.accounts.models import User
from sportello.conftest import log_in
from sportello.kb.models import Article

BODY = "## Stampa bloccata\n\n1. Apra **Impostazioni**\n2. Scelga la stampante\n\n<script>alert(1)</script>"


def client_of(user):
    client = Client()
    log_in(client, user)
    return client


def test_staff_write_and_publish_and_customers_read(people, login):
    anna = login(people.anna)
    answer = anna.post(reverse("console:kb_new"), {"title": "La stampa si blocca", "body": BODY,
                                                   "title_en": "Printing stops", "body_en": "Open **Settings**."})
    article = Article.objects.get()
    assert answer["Location"] == reverse("console:kb_article", args=[article.pk])
    assert (article.state, article.author) == ("draft", people.anna)
    giulia = client_of(people.giulia)
    assert giulia.get(reverse("kb_article", args=[article.pk])).status_code == 404   # a draft
    assert "La stampa si blocca" not in giulia.get(reverse("portal:kb")).text
    anna.post(reverse("console:kb_state", args=[article.pk]), {"state": "published"})
    page = giulia.get(reverse("kb_article", args=[article.pk])).text
    assert "<strong>Impostazioni</strong>" in page and "<script>alert" not in page
    assert "La stampa si blocca" in giulia.get(reverse("portal:kb")).text
    User.objects.filter(pk=people.giulia.pk).update(language="en")
    assert "Printing stops" in client_of(people.giulia).get(reverse("kb_article", args=[article.pk])).text
    anna.post(reverse("console:kb_state", args=[article.pk]), {"state": "archived"})
    assert giulia.get(reverse("kb_article", args=[article.pk])).status_code == 404
    assert Article.objects.get().published_at is not None


def test_only_public_articles_are_read_without_an_account(people):
    private = Article.objects.create(title="Solo clienti", body="x", state="published")
    public = Article.objects.create(title="Per tutti", body="Risposta pubblica", state="published", is_public=True)
    visitor = Client()
    assert visitor.get(reverse("kb_article", args=[private.pk])).status_code == 404
    assert "Risposta pubblica" in visitor.get(reverse("kb_article", args=[public.pk])).text
    assert visitor.get(reverse("portal:kb")).status_code == 302   # the list is for customers


def test_each_reader_answers_once_and_the_console_shows_the_counts(people, login):
    article = Article.objects.create(title="Backup", body="Come fare il backup", state="published")
    giulia = client_of(people.giulia)
    for solved in ("1", "1", "0"):
        giulia.post(reverse("kb_answer", args=[article.pk]), {"solved": solved})
    client_of(people.mario).post(reverse("kb_answer", args=[article.pk]), {"solved": "0"})
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (1, 1)
    assert "Grazie per la Sua risposta" in giulia.get(reverse("kb_article", args=[article.pk])).text
    draft = Article.objects.create(title="Bozza", body="x")
    assert giulia.post(reverse("kb_answer", args=[draft.pk]), {"solved": "1"}).status_code == 404
    page = login(people.silvia).get(reverse("console:kb")).text
    assert "Backup" in page and "Bozza" in page


def test_customers_never_reach_the_editor(people):
    article = Article.objects.create(title="Backup", body="x")
    giulia = client_of(people.giulia)
    assert giulia.get(reverse("console:kb_article", args=[article.pk])).status_code == 302
    assert giulia.post(reverse("console:kb_state", args=[article.pk]), {"state": "published"}).status_code == 302
    assert Article.objects.get().state == "draft"


def test_the_guide_list_costs_the_same_queries_for_one_article_or_many(people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sportello.tickets.models import RequestType

    kinds = list(RequestType.objects.all()[:3])
    giulia = client_of(people.giulia)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert giulia.get(reverse("portal:kb")).status_code == 200
        return len(captured)

    Article.objects.create(title="Uno", body="x", state="published", request_type=kinds[0])
    one = queries()
    for n, kind in enumerate(kinds * 3):
        Article.objects.create(title=f"Altro {n}", body="x", state="published", request_type=kind)
    assert queries() == one
