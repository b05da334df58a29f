"""Beside a ticket, loaded after the page: the resolved tickets most like it (of every
company: staff may read them all) and the published guides that may answer it, each
with its answer ready to insert in the reply (a guide for staff only is listed to read,
not to send: the customer could not open it)."""

from django.shortcuts import get_object_or_404, render

from sportello.access import staff_area
from sportello.kb import search as kb_search
from sportello.kb.models import Article
from sportello.search.similar import similar_tickets
from sportello.tickets.models import Ticket

GUIDES = 3


@staff_area
def similar(request, code):
    visible = Ticket.objects.visible_to(request.user)
    ticket = get_object_or_404(visible.select_related("contact"), code=code)
    text = f"{ticket.subject}\n{ticket.description[:2000]}"
    guides = kb_search.for_question(text, Article.objects.filter(state=Article.State.PUBLISHED), limit=GUIDES)
    language = ticket.contact.language if ticket.contact_id else "it"
    for guide in guides:
        guide.reply_text = f"{guide.title_for(language)}\n{request.build_absolute_uri(guide.get_absolute_url())}"
    return render(request, "console/_similar.html", {
        "ticket": ticket, "similar": similar_tickets(ticket, visible), "guides": guides})
