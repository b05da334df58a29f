"""The knowledge base for customers: published articles in their language, searched
with the tickets' engine, the "did it solve your problem?" answer, and suggestions
while a customer writes a new ticket. Articles marked public are readable without an
account too (a link the vendor can send or publish).

Suggestions come from published articles only, never from tickets: nothing another
company wrote can reach a customer this way."""

import re

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.access import customer_area
from sportello.kb import articles, deflection, search
from sportello.kb.models import Article
from sportello.keyset import keyset_page
from sportello.markdown import render as markdown
from sportello.search.results import snippet
from sportello.search.text import content_stems
from sportello.tickets.models import RequestType

VOTED = "kb_answered"      # the session remembers which articles this reader answered
SUGGESTED = "kb_suggested"  # and, per new-ticket form, what was suggested and opened
FORMS_KEPT = 20
MARKUP = re.compile(r"[*_`#>|]+")


@customer_area
def article_list(request):
    query = request.GET.get("q", "").strip()[:200]
    visible = Article.objects.visible_to(request.user)
    if query:
        page, found = None, search.for_search(query, visible)
        _prepare(found, request.user.language, query)
    else:
        page, found = keyset_page(visible.select_related("request_type"), request.GET, size=30), None
        _prepare(page.items, request.user.language)
    return render(request, "portal/kb_list.html", {"page": page, "found": found, "query": query})


def _prepare(found, language, text=""):
    stems = {stem for stems in content_stems(text) for stem in stems}
    for article in found:
        article.shown_title = article.title_for(language)
        if text:
            article.snippet = snippet([MARKUP.sub("", article.body_for(language))], stems, around=10)


@customer_area
@require_POST
def suggestions(request):
    """The new-ticket form's subject and description, as typed: up to three articles."""
    text = f"{request.POST.get('subject', '')[:200]}\n{request.POST.get('description', '')[:3000]}"
    form_id = request.POST.get("suggest_form", "")[:40]   # the new-ticket form's own field
    request_type = _request_type(request.POST.get("request_type"))
    type_id = request_type.pk if request_type else 0
    found = search.for_question(text, Article.objects.visible_to(request.user)) if len(text.strip()) >= 12 else []
    _prepare(found, request.user.language, text)
    seen = request.session.get(SUGGESTED, {})
    if found and form_id:
        if form_id not in seen:
            deflection.suggestions_shown(type_id)
        record = seen.pop(form_id, {"opened": []})
        record.update(type=type_id, articles=sorted({*record.get("articles", []), *(a.pk for a in found)}))
        request.session[SUGGESTED] = dict(list({**seen, form_id: record}.items())[-FORMS_KEPT:])
    return render(request, "portal/_suggestions.html", {"found": found, "form_id": form_id})


def _request_type(value):
    try:
        return RequestType.objects.filter(pk=int(value)).first()
    except (TypeError, ValueError):
        return None


def _count_opened(request, pk):
    """An article opened from the suggestions of a new-ticket form (once per form)."""
    form_id = request.GET.get("form", "")
    seen = request.session.get(SUGGESTED, {})
    record = seen.get(form_id)
    if record and pk in record.get("articles", []) and pk not in record["opened"]:
        record["opened"].append(pk)
        request.session[SUGGESTED] = seen
        deflection.suggestion_opened(record.get("type"))


@customer_area
@require_POST
def deflect(request):
    """"Ho risolto, non apro il ticket": no ticket, no unit; the deflection is recorded."""
    try:
        pk = int(request.POST.get("solved_by", ""))
    except ValueError:
        return redirect("portal:new_ticket")
    found = get_object_or_404(Article.objects.visible_to(request.user), pk=pk)
    request_type = _request_type(request.POST.get("request_type"))
    deflection.deflected(article=found, request_type=request_type, contact=request.user,
                         subject=request.POST.get("subject", ""))
    request.session.get(SUGGESTED, {}).pop(request.POST.get("suggest_form", ""), None)
    request.session.modified = True
    messages.success(request, _("We are glad the guide helped. No ticket was opened and none of your package was "
                                "used."))
    return redirect("portal:tickets")


def article(request, pk):
    """Customers in the reserved area; anyone, for a public article."""
    if request.user.is_authenticated and request.user.is_support_staff:
        return redirect("console:kb_article", pk=pk)
    found = get_object_or_404(Article.objects.visible_to(request.user), pk=pk)
    if request.user.is_authenticated and request.GET.get("form"):
        _count_opened(request, pk)
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
