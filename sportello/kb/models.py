"""Knowledge-base articles: Italian and English versions, Markdown, a state, and the
readers' "did it solve the problem?" answers counted on the row (an UPDATE … + 1).

Who reads what is decided in one place, `Article.objects.visible_to(user)`: staff
every article; customers the published ones not kept for staff; a visitor without an
account only the published articles marked public."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportello.search.models import TsVector


class ArticleQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.is_authenticated and user.is_active and user.is_support_staff:
            return self
        published = self.filter(state=Article.State.PUBLISHED, is_internal=False)
        if user.is_authenticated and user.is_active and hasattr(user, "contact"):
            return published
        return published.filter(is_public=True)


class Article(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, lists, links."))
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body_en = models.TextField(_("text in English"), blank=True,
                               help_text=_("For customers who read English; empty: they read the Italian text."))
    request_type = models.ForeignKey("tickets.RequestType", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("request type"))
    products = models.ManyToManyField("customers.SoftwareProduct", blank=True, related_name="articles",
                                      verbose_name=_("products"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.DRAFT)
    is_public = models.BooleanField(_("readable without logging in"), default=False)
    is_internal = models.BooleanField(_("for staff only"), default=False,
                                      help_text=_("A note for technicians: never shown to customers."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                               verbose_name=_("author"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    helpful_yes = models.PositiveIntegerField(_("solved it"), default=0)
    helpful_no = models.PositiveIntegerField(_("did not solve it"), default=0)
    tickets_avoided = models.PositiveIntegerField(_("tickets avoided"), default=0)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "id"], name="article_state_idx"),
                   # "the articles that most often fail" reads the top of this index
                   models.Index(fields=["-helpful_no", "-id"], name="article_failing_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("kb_article", args=[self.pk])

    def title_for(self, language):
        return self.title_en if language == "en" and self.title_en.strip() else self.title

    def body_for(self, language):
        return self.body_en if language == "en" and self.body_en.strip() else self.body


class ArticleSearch(models.Model):
    """PostgreSQL's index of an article (kb.engines; SQLite keeps an FTS5 table instead
    and leaves this one empty). Written only by kb.index, in the saving transaction."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    vector = TsVector()

    class Meta:
        db_table = "kb_article_vector"


class Deflection(models.Model):
    """A customer who read a suggested article and did not open the ticket: no ticket
    and no unit, only this row (which article, for which kind of request)."""

    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, related_name="deflections")
    request_type = models.ForeignKey("tickets.RequestType", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    company = models.ForeignKey("customers.Company", on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    subject = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["company", "-at"], name="deflection_company_idx")]


class SuggestionTally(models.Model):
    """The deflection report's rollup: per month and request type (0 = none chosen),
    new-ticket forms that showed suggestions, suggested articles opened, and tickets not
    opened thanks to one (each a unit saved). Added to in the writer's transaction
    (sportello.counters), so the report never counts history."""

    COUNTERS = ("shown", "opened", "deflected")

    month = models.DateField()
    request_type_id = models.IntegerField()
    shown = models.PositiveIntegerField(default=0)
    opened = models.PositiveIntegerField(default=0)
    deflected = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "request_type_id"], name="suggestion_tally_key")]
