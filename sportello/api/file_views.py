"""Files through the API: download any visible attachment (the same checks and audit
row as the pages), and answer a technician's file request by uploading."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from sportello.tickets.actions import TicketClosed, complete_file_request, upload_for_request
from sportello.tickets.downloads import attachment_response
from sportello.tickets.models import Attachment, FileRequest
from sportello.tickets.uploads import checked_uploads

from . import visibility
from .models import Scope
from .params import ID_PATH
from .problems import Conflict
from .ticket_serializers import AttachmentSerializer, FileRequestSerializer
from .uploads import StreamedUploads


class AttachmentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = AttachmentSerializer
    queryset = Attachment.objects.none()   # for the schema; get_queryset decides
    read_scope, write_scope = Scope.TICKETS_READ, Scope.TICKETS_WRITE
    lookup_value_regex = ID_PATH

    def get_queryset(self):
        files = Attachment.objects.filter(ticket__in=visibility.tickets(self.request), quarantined=False)
        if not visibility.acts_as_staff(self.request):
            files = files.exclude(message__is_internal=True)
        code = self.request.query_params.get("ticket")
        return files.filter(ticket__code=code.upper()) if code else files

    @extend_schema(parameters=[OpenApiParameter("ticket", OpenApiTypes.STR, description="A ticket's code.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        return attachment_response(request, pk, public_only=not visibility.acts_as_staff(request),
                                   visible=visibility.tickets(request))


UploadAnswer = inline_serializer("UploadAnswer", {
    "files": AttachmentSerializer(many=True),
    "warnings": serializers.ListField(child=serializers.CharField()),
})


class FileRequestViewSet(StreamedUploads, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = FileRequestSerializer
    queryset = FileRequest.objects.none()
    read_scope, write_scope = Scope.TICKETS_READ, Scope.TICKETS_WRITE
    lookup_value_regex = ID_PATH

    def get_queryset(self):
        return FileRequest.objects.filter(ticket__in=visibility.tickets(self.request)).select_related(
            "ticket", "requested_by")

    @extend_schema(request={"multipart/form-data": inline_serializer("FileUpload", {
        "files": serializers.ListField(child=serializers.FileField())})}, responses={201: UploadAnswer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def files(self, request, pk=None):
        """Send one or more files for the request; then call `complete`."""
        file_request = get_object_or_404(self.get_queryset(), pk=pk)
        accepted, refusals = checked_uploads(request, file_request.ticket)
        if not accepted and not refusals:
            refusals = [_("Choose a file to send.")]
        if refusals:
            raise exceptions.ValidationError({"files": refusals})
        try:
            stored = upload_for_request(file_request=file_request, uploads=accepted, by=request.user)
        except TicketClosed:
            raise Conflict(_("This ticket is closed: files can no longer be sent.")) from None
        warnings = [_("“%(name)s” contains a virus (%(virus)s) and has not been passed on.")
                    % {"name": a.original_name, "virus": a.scan_result}
                    for a in stored if a.scan_state == Attachment.ScanState.INFECTED]
        return Response({"files": AttachmentSerializer(stored, many=True).data, "warnings": warnings},
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=inline_serializer("Completed", {"completed": serializers.BooleanField()}))
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """The files are all there: the technician is told once."""
        file_request = get_object_or_404(self.get_queryset(), pk=pk)
        return Response({"completed": complete_file_request(file_request=file_request, by=request.user)})
