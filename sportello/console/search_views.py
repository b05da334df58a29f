"""The console's search: one box on every page (`/` focuses it), results at
/console/search/?q=… so a search can be linked. A ticket code jumps to the ticket."""

from django.utils.translation import gettext as _

from sportello.access import staff_area
from sportello.search.pages import search_page
from sportello.tickets.models import Ticket

from .list_filters import ListFilterForm
from .views import sidebar_counts


@staff_area
def search(request):
    filters = ListFilterForm(request.GET, default_sort="created")
    return search_page(request, tickets=Ticket.objects.visible_to(request.user), with_notes=True,
                       template="console/search.html", ticket_url="console:ticket",
                       refine=lambda tickets: filters.apply(tickets, user=request.user),
                       scope=filters.scope_groups(user=request.user),
                       extra={"counts": sidebar_counts(request), "title": _("Search"), "filters": filters,
                              "query": filters.query_string(), "list_name": "search", "list_path": request.path})
