"""Sending a release file: straight from storage in small chunks (a 2 GB installer costs
a few hundred KB of memory), with HTTP range requests so a dropped download resumes
where it stopped, and one log row per download saying how many bytes really left.

Local folders are read with seek(); on S3-compatible storage each request asks the
object store for just the bytes wanted (a ranged GET), so nothing is spooled to disk."""

import re

from django.db.models import F
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header, quote_etag

from .models import Download, ReleaseFile

CHUNK = 256 * 1024
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$", re.ASCII)


class Unsatisfiable(Exception):
    pass


def parse_range(header, size):
    """(first, last) byte, both included, for one `Range: bytes=…` header; None means
    the whole file (no range, or one we do not serve, such as several ranges, which
    RFC 9110 lets a server ignore). Unsatisfiable when it starts past the end."""
    match = RANGE.match((header or "").strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":   # the last N bytes
        wanted = int(last)
        if wanted == 0:
            raise Unsatisfiable
        return max(size - wanted, 0), size - 1
    first = int(first)
    if last and int(last) < first:
        return None
    if first >= size:
        raise Unsatisfiable
    return first, min(int(last) if last else size - 1, size - 1)


def _chunks(stored, first, length):
    """The bytes first … first+length-1 of a stored file, in chunks."""
    storage = stored.storage
    if hasattr(storage, "bucket"):   # S3-compatible: a ranged GET, streamed
        body = storage.bucket.Object(storage._normalize_name(stored.name)).get(
            Range=f"bytes={first}-{first + length - 1}")["Body"]
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()
        return
    with storage.open(stored.name, "rb") as source:
        source.seek(first)
        left = length
        while left > 0:
            chunk = source.read(min(CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk


def _logged(chunks, download):
    """Count what was handed to the server; the count is written when the response is
    closed, also when the client went away half-way (the server then closes us)."""
    sent = 0
    try:
        for chunk in chunks:
            sent += len(chunk)
            yield chunk
    finally:
        Download.objects.filter(pk=download.pk).update(bytes_sent=sent, finished_at=timezone.now())


def release_file_response(request, release_file: ReleaseFile, *, company=None):
    size = release_file.size
    etag = quote_etag(release_file.sha256)
    wanted = None
    if_range = request.headers.get("If-Range")
    if request.headers.get("Range") and (if_range is None or if_range.strip() == etag):
        try:
            wanted = parse_range(request.headers["Range"], size)
        except Unsatisfiable:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
    first, last = wanted or (0, size - 1)
    length = last - first + 1
    if request.method == "HEAD":
        response = HttpResponse(status=206 if wanted else 200)
    else:
        download = Download.objects.create(file=release_file, user=request.user, company=company,
                                           first_byte=first, bytes_requested=length)
        if first == 0:
            ReleaseFile.objects.filter(pk=release_file.pk).update(download_count=F("download_count") + 1)
        response = StreamingHttpResponse(_logged(_chunks(release_file.file, first, length), download),
                                         status=206 if wanted else 200)
    if wanted:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(length)
    response["Content-Type"] = "application/octet-stream"
    response["Content-Disposition"] = content_disposition_header(True, release_file.name)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-transform"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
