"""Several tickets at once from a console list: the selected rows' codes arrive with
the action; the service applies it to all or to none and says why."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.access import staff_area
from sportello.tickets import bulk

from .forms import BulkForm
from .views import _tickets


@staff_area
@require_POST
def apply(request):
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) or not back.startswith("/console/"):
        back = "/console/"
    codes = request.POST.getlist("tickets")[:bulk.MAX_TICKETS]
    form = BulkForm(request.POST)
    tickets = list(_tickets(request).filter(code__in=codes)) if codes else []
    if not tickets:
        messages.error(request, _("Select at least one ticket."))
    elif not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    elif form.cleaned_data["action"] == "assign" and not request.user.is_supervisor:
        messages.error(request, _("Only supervisors hand tickets to a colleague."))
    elif form.cleaned_data["action"] == "merge" and len(tickets) < 2:
        messages.error(request, _("Select at least two tickets to merge."))
    else:
        data = form.cleaned_data
        try:
            count = bulk.apply(tickets=tickets, action=data["action"], by=request.user,
                               technician=data["technician"], status=data["status"])
        except bulk.BulkRefused as refused:
            messages.error(request, _("Nothing was changed: %(reasons)s.") % {
                "reasons": "; ".join(f"{code}: {str(reason).rstrip('.')}" for code, reason in refused.refusals)})
        else:
            messages.success(request, _("Done on %(count)s tickets.") % {"count": count})
    return redirect(back)
