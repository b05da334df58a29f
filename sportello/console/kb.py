"""Knowledge-base articles in the console: every technician writes, edits, publishes
and archives them, and sees how often readers said they solved the problem."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.access import staff_area
from sportello.customers.models import SoftwareProduct
from sportello.kb import articles, search
from sportello.kb.from_ticket import draft_from_ticket
from sportello.kb.models import Article
from sportello.keyset import keyset_page
from sportello.markdown import render as markdown
from sportello.text import CleanTextForm
from sportello.tickets.models import Ticket

from .views import sidebar_counts


class ArticleForm(CleanTextForm, forms.ModelForm):
    products = forms.ModelMultipleChoiceField(label=gettext_lazy("Products"), required=False,
                                              queryset=SoftwareProduct.objects.all(),
                                              widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Article
        fields = ["title", "body", "title_en", "body_en", "request_type", "is_public", "is_internal"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12}), "body_en": forms.Textarea(attrs={"rows": 6})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_public") and cleaned.get("is_internal"):
            self.add_error("is_internal", _("An article for staff only cannot be readable without logging in."))
        return cleaned


@staff_area
def article_list(request):
    query = request.GET.get("q", "").strip()[:200]
    if query:
        page, found = None, search.for_search(query, Article.objects.all())
    else:
        page, found = keyset_page(Article.objects.select_related("author"), request.GET, size=30), None
    return render(request, "console/kb_list.html", {
        "page": page, "articles": page.items if page else found, "query": query, "counts": sidebar_counts(request)})


@staff_area
def edit(request, pk=None):
    article = get_object_or_404(Article, pk=pk) if pk else None
    form = ArticleForm(request.POST if request.method == "POST" else None, instance=article,
                       initial={"products": list(article.products.all()) if article else []})
    if request.method == "POST" and form.is_valid():
        saved = articles.save_article(article=form.save(commit=False), by=request.user,
                                      products=form.cleaned_data["products"])
        messages.success(request, _("Article “%(title)s” saved.") % {"title": saved.title})
        return redirect("console:kb_article", pk=saved.pk)
    return render(request, "console/kb_edit.html", {
        "form": form, "article": article, "preview": markdown(article.body) if article else "",
        "counts": sidebar_counts(request)})


@staff_area
@require_POST
def change_state(request, pk):
    article = get_object_or_404(Article, pk=pk)
    state = request.POST.get("state")
    if state in Article.State.values:
        articles.set_state(article=article, state=state)
        messages.success(request, _("“%(title)s” is now: %(state)s.") % {
            "title": article.title, "state": Article.State(state).label})
    return redirect("console:kb_article", pk=pk)


@staff_area
@require_POST
def from_ticket(request, code):
    """A resolved ticket's answer becomes a draft article, the customer's details removed."""
    ticket = get_object_or_404(Ticket.objects.visible_to(request.user).select_related("company", "contact"),
                               code=code, status__in=[Ticket.Status.RESOLVED, Ticket.Status.CLOSED])
    article = draft_from_ticket(ticket=ticket, by=request.user)
    messages.success(request, _("Draft article made from %(code)s: check that no customer detail is left, then "
                                "publish it.") % {"code": ticket.code})
    return redirect("console:kb_article", pk=article.pk)
