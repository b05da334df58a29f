"""Customers search their own tickets (internal notes never match) at /portal/search/?q=…"""

from sportello.access import customer_area
from sportello.search.documents import scope_terms
from sportello.search.pages import search_page
from sportello.tickets.models import Ticket


@customer_area
def search(request):
    contact = request.user.contact
    scope = [[scope_terms(company_id=contact.company_id) if contact.is_company_admin
              else scope_terms(contact_id=request.user.pk)]]
    return search_page(request, tickets=Ticket.objects.visible_to(request.user), with_notes=False, scope=scope,
                       template="portal/search.html", ticket_url="portal:ticket")
