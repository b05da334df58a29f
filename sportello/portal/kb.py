"""The knowledge base for customers: published articles in their language, and the
"did it solve your problem?" answer. Articles marked public are readable without an
account too (a link the vendor can send or publish)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.access import customer_area
from sportello.kb import articles
from sportello.kb.models import Article
from sportello.keyset import keyset_page
from sportello.markdown import render as markdown

VOTED = "kb_answered"   # the session remembers which articles this reader answered


@customer_area
def article_list(request):
    page = keyset_page(Article.objects.visible_to(request.user).select_related("request_type"), request.GET,
                       size=30)
    for article in page.items:
        article.shown_title = article.title_for(request.user.language)
    return render(request, "portal/kb_list.html", {"page": page})


def article(request, pk):
    """Customers in the reserved area; anyone, for a public article."""
    if request.user.is_authenticated and request.user.is_support_staff:
        return redirect("console:kb_article", pk=pk)
    found = get_object_or_404(Article.objects.visible_to(request.user), pk=pk)
    language = request.user.language if request.user.is_authenticated else request.LANGUAGE_CODE
    return render(request, "portal/kb_article.html", {
        "article": found, "title": found.title_for(language), "body": markdown(found.body_for(language)),
        "answered": pk in request.session.get(VOTED, []),
        "base": "portal/base.html" if request.user.is_authenticated else "base.html"})


@require_POST
def answer(request, pk):
    found = get_object_or_404(Article.objects.visible_to(request.user), pk=pk)
    voted = request.session.get(VOTED, [])
    if pk not in voted:
        articles.record_answer(article=found, solved=request.POST.get("solved") == "1")
        request.session[VOTED] = [*voted, pk][-200:]
    messages.success(request, _("Thank you: your answer helps us improve our guides."))
    return redirect("kb_article", pk=pk)
