"""Receiving uploads in a request without holding them in memory.

Django's multipart parser hands each chunk (64 KiB) to the upload handlers; ours
writes it to a temporary file, feeds the SHA-256 as it goes, and stops taking a
file as soon as it passes the size limit, so a 2 GB upload costs a few chunks of
memory and an oversized one is refused without being stored."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .files import FileRefused, check_file, shown_name


class StreamingUploadHandler(TemporaryFileUploadHandler):
    limit_setting = "SPORTELLO_MAX_FILE_MB"

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.digest = hashlib.sha256()
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > getattr(settings, self.limit_setting) * 1024 * 1024:
            self.request.oversized_uploads.append(self.file_name)
            self.file.close()  # deletes the temporary file
            raise SkipFile
        self.digest.update(raw_data)
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size):
        uploaded = super().file_complete(file_size)
        uploaded.sha256 = self.digest.hexdigest()
        return uploaded


def streamed_uploads(view=None, *, handler=StreamingUploadHandler):
    """Install the streaming handler before anything reads the body; CSRF is then
    checked as usual (the middleware would otherwise parse the body first)."""
    if view is None:
        return lambda view: streamed_uploads(view, handler=handler)

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.upload_handlers = [handler(request)]
        request.oversized_uploads = []
        return csrf_protect(view)(request, *args, **kwargs)

    return wrapper


def checked_uploads(request, ticket, field="files"):
    """Check every file of an upload request. Returns (accepted, refusals):
    accepted are (CheckedFile, uploaded file) pairs; refusals are messages."""
    files = request.FILES.getlist(field)  # parses the body: oversized files are known only after this
    limit = filesizeformat(settings.SPORTELLO_MAX_FILE_MB * 1024 * 1024)
    refusals = [_("“%(name)s” is too large: the limit is %(limit)s per file.") % {"name": shown_name(name),
                                                                                   "limit": limit}
                for name in request.oversized_uploads]
    # A script sends the file's own name beside it: the multipart name has been stripped of folders.
    declared = request.POST.get("name") if len(files) == 1 else None
    accepted = []
    for uploaded in files:
        try:
            accepted.append((check_file(ticket=ticket, name=declared or uploaded.name, stream=uploaded,
                                        size=uploaded.size, sha256=getattr(uploaded, "sha256", None)), uploaded))
        except FileRefused as refusal:
            refusals.append(str(refusal.message))
    return accepted, refusals
