"""The upload page for a technician's file request: several files, each with its
own progress bar (sent one by one by static/js/upload.js), or a plain form."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.access import customer_area
from sportello.tickets.actions import TicketClosed, complete_file_request, upload_for_request
from sportello.tickets.models import Attachment, FileRequest, Ticket
from sportello.tickets.uploads import checked_uploads, streamed_uploads


def _request_for(request, code, pk):
    ticket = get_object_or_404(Ticket.objects.visible_to(request.user), code=code)
    return get_object_or_404(FileRequest.objects.select_related("ticket", "requested_by"), pk=pk, ticket=ticket)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@customer_area
def upload_page(request, code, pk):
    file_request = _request_for(request, code, pk)
    return render(request, "portal/upload.html", {
        "file_request": file_request, "ticket": file_request.ticket, "files": file_request.files.all(),
        "limit": filesizeformat(settings.SPORTELLO_MAX_FILE_MB * 1024 * 1024)})


@customer_area
@require_POST
@streamed_uploads
def upload(request, code, pk):
    file_request = _request_for(request, code, pk)
    accepted, refusals = checked_uploads(request, file_request.ticket)
    if not accepted and not refusals:
        refusals = [_("Choose a file to send.")]
    stored = []
    if accepted and not refusals:
        try:
            stored = upload_for_request(file_request=file_request, uploads=accepted, by=request.user)
        except TicketClosed:
            refusals = [_("This ticket is closed: files can no longer be sent.")]
    # Only a virus found is the customer's business; a scanner that is down or too small is ours.
    held = [_("“%(name)s” contains a virus (%(virus)s) and has not been passed on: the technician has been told.")
            % {"name": a.original_name, "virus": a.scan_result} for a in stored
            if a.scan_state == Attachment.ScanState.INFECTED]
    if _wants_json(request):
        if refusals:
            return JsonResponse({"ok": False, "errors": refusals}, status=400)
        return JsonResponse({"ok": True, "warnings": held, "files": [
            {"name": a.original_name, "size": a.size, "sha256": a.sha256,
             "quarantined": a.scan_state == Attachment.ScanState.INFECTED}
            for a in stored]})
    for warning in held:
        messages.warning(request, warning)
    for refusal in refusals:
        messages.error(request, refusal)
    if stored:
        complete_file_request(file_request=file_request, by=request.user)
        messages.success(request, _("Thank you: the files have been sent to the technician."))
        return redirect("portal:ticket", code=code)
    return redirect("portal:upload", code=code, pk=pk)


@customer_area
@require_POST
def complete(request, code, pk):
    file_request = _request_for(request, code, pk)
    done = complete_file_request(file_request=file_request, by=request.user)
    return JsonResponse({"ok": True, "completed": done,
                         "message": _("Thank you: the files have been sent to the technician.")})
