"""Downloading attachments: only through the visibility rule, always as a download
(never rendered inline, so an HTML or SVG file cannot run in our pages)."""

from django.http import FileResponse, Http404

from sportello.accounts import audit

from .models import Attachment, Ticket


def attachment_response(request, pk, *, public_only, visible=None):
    """`visible`: the tickets the caller may see (the API's rule for integrations);
    by default the person's own."""
    visible = Ticket.objects.visible_to(request.user) if visible is None else visible
    attachments = Attachment.objects.filter(pk=pk, ticket__in=visible, quarantined=False).select_related(
        "ticket__company")
    if public_only:
        attachments = attachments.exclude(message__is_internal=True)
    attachment = attachments.first()
    if attachment is None:
        raise Http404
    audit.record(audit.Kind.FILE_DOWNLOAD, actor=request.user, company=attachment.ticket.company,
                 target=f"{attachment.ticket.code} {attachment.original_name}", detail=f"{attachment.size} bytes")
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                            content_type="application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
