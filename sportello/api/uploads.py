from sportello.tickets.uploads import StreamingUploadHandler


class StreamedUploads:
    """For viewsets that take files: they stream to disk, hashed on the way, and stop at
    the size limit (tickets.uploads), before DRF's parser reads the body."""

    def initialize_request(self, request, *args, **kwargs):
        request.upload_handlers = [StreamingUploadHandler(request)]
        request.oversized_uploads = []
        return super().initialize_request(request, *args, **kwargs)
