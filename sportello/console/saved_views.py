"""Saved views in the console's navigation, each with a live count: bounded ("99+"
past 99) and computed from indexes, never by loading rows."""

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.access import staff_area
from sportello.accounts.models import SavedView
from sportello.search import filters as search_filters
from sportello.search.engines import engine
from sportello.search.query import parse
from sportello.single_statement import counted
from sportello.text import CleanTextForm
from sportello.tickets.models import Ticket

from .counting import bounded
from .list_filters import ListFilterForm

COUNT_LIMIT = 99
SHOWN = 12   # views in the navigation; more live on the page of each list
LIST_URLS = {"queue": "console:queue", "mine": "console:mine", "all": "console:all", "search": "console:search"}
DEFAULT_SORT = {"queue": "deadline", "mine": "deadline", "all": "created", "search": "created"}


class SaveViewForm(CleanTextForm, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the view"), max_length=60)
    shared = forms.BooleanField(label=gettext_lazy("Share with everyone"), required=False)
    list = forms.ChoiceField(choices=SavedView.List.choices, widget=forms.HiddenInput)
    query = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)


def views_for(user):
    return SavedView.objects.filter(Q(owner=user) | Q(shared=True)).select_related("owner")[:SHOWN]


def _tickets_of(view, user):
    params = QueryDict(view.query)
    tickets = Ticket.objects.visible_to(user)
    if view.list == "queue":
        tickets = tickets.queue()
    elif view.list == "mine":
        tickets = tickets.filter(assignee=user).open()
    tickets, _sort = ListFilterForm(params, default_sort=DEFAULT_SORT[view.list]).apply(tickets, user=user)
    query = parse(params.get("q", "")) if view.list == "search" else None
    if query is not None:
        tickets = search_filters.apply(tickets, query.filters)
    return tickets, query


class Navigation:
    """The saved views of the console's navigation and their counts. A view that filters
    the tickets is counted by an index range read in the statement of the page's badges
    (`parts`: one statement however many views a technician keeps); a search for words
    is counted by the search engine."""

    def __init__(self, user):
        self.views, self.parts, self.counts = list(views_for(user)), {}, {}
        for view in self.views:
            tickets, query = _tickets_of(view, user)
            if query is not None and query.has_text:
                search = engine()
                self.counts[view.pk] = bounded(len(search.candidates(
                    search.expression(query, with_notes=True), tickets, limit=COUNT_LIMIT + 1, rank=False)),
                    COUNT_LIMIT)
            else:
                self.parts[f"view {view.pk}"] = counted(tickets, COUNT_LIMIT)

    def rows(self, found):
        """[(view, url, count)], the counted parts' values taken out of `found`."""
        return [(view, f"{reverse(LIST_URLS[view.list])}?{view.query}",
                 self.counts[view.pk] if view.pk in self.counts else bounded(found.pop(f"view {view.pk}"), COUNT_LIMIT))
                for view in self.views]


@staff_area
@require_POST
def save(request):
    form = SaveViewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the view a name."))
        return redirect(request.META.get("HTTP_REFERER") or "console:queue")
    data = form.cleaned_data
    view = SavedView.objects.create(owner=request.user, name=data["name"], list=data["list"], query=data["query"],
                                    shared=data["shared"] and request.user.is_supervisor)
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(f"{reverse(LIST_URLS[view.list])}?{view.query}")


@staff_area
@require_POST
def delete(request, pk):
    view = get_object_or_404(SavedView, pk=pk, owner=request.user)
    view.delete()
    messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return redirect("console:queue")


@staff_area
def filters_panel(request):
    """The filter form of a list, fetched when its panel is opened (most list views never
    open it, and rendering a form of eleven fields costs more than the list)."""
    list_name = request.GET.get("list", "all")
    if list_name not in LIST_URLS:
        list_name = "all"
    params = request.GET.copy()
    params.pop("list", None)
    filters = ListFilterForm(params, default_sort=DEFAULT_SORT[list_name])
    return render(request, "console/_filters_form.html", {
        "filters": filters, "list_name": list_name, "list_path": reverse(LIST_URLS[list_name]),
        "query": filters.query_string(), "q": params.get("q", "")})
