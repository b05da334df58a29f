"""Knowledge-base articles: Italian and English versions, Markdown, a state, and the
readers' "did it solve the problem?" answers counted on the row (an UPDATE … + 1).

Who reads what is decided in one place, `Article.objects.visible_to(user)`: staff
every article; customers the published ones; a visitor without an account only the
published articles marked public."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.is_authenticated and user.is_active and user.is_support_staff:
            return self
        published = self.filter(state=Article.State.PUBLISHED)
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
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                               verbose_name=_("author"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    helpful_yes = models.PositiveIntegerField(_("solved it"), default=0)
    helpful_no = models.PositiveIntegerField(_("did not solve it"), default=0)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "id"], name="article_state_idx")]

    def __str__(self):
        return self.title

    def title_for(self, language):
        return self.title_en if language == "en" and self.title_en.strip() else self.title

    def body_for(self, language):
        return self.body_en if language == "en" and self.body_en.strip() else self.body
