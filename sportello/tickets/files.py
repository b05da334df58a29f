"""Every file that reaches a ticket (uploaded in the portal or console, or attached
to an e-mail) goes through check_file() and store_file(): safe name, not empty,
within the limits, not an executable or script whatever its name, scanned when a
virus scanner is configured, hashed, and written through Django's storage API."""

import hashlib
import logging
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import magic
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from sportello.refusals import Refused

from .models import Attachment
from .virus_scan import ScannerUnavailable, ScanTooLarge, scan

logger = logging.getLogger(__name__)
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
HEAD_BYTES = 8192


class FileRefused(Refused):
    pass


def display_name(name):
    """A name safe to show and to offer for download (e-mail attachments are
    renamed rather than refused: the mail is already here)."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "_", name).strip(" .")
    if not name or name.split(".")[0].lower() in WINDOWS_RESERVED:
        name = f"file_{name}" if name else "file"
    return name[:255]


MAX_NAME = 255


def shown_name(name, length=60):
    """A refused name as it may be shown back: no control characters, not endless."""
    name = re.sub(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]", "", name)
    return name if len(name) <= length else name[: length - 1] + "…"


def check_name(name):
    """The name as given, or FileRefused: no folders, no control characters, no
    device names (con, nul, lpt1…), not empty, not too long."""
    name = unicodedata.normalize("NFC", str(name or "")).strip()
    if len(name) > MAX_NAME:
        raise FileRefused(_("The name “%(name)s” is too long (%(length)s characters; at most %(limit)s): shorten "
                            "it and try again.") % {"name": shown_name(name), "length": len(name), "limit": MAX_NAME})
    if (not name or "/" in name or "\\" in name or name in (".", "..")
            or re.search(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]", name)
            or name.split(".")[0].strip().lower() in WINDOWS_RESERVED or name.endswith(".")):
        raise FileRefused(_("The name “%(name)s” cannot be used for a file: rename it and try again.")
                          % {"name": shown_name(name)})
    return name


@dataclass
class CheckedFile:
    name: str
    size: int
    content_type: str
    sha256: str
    scan_state: str = Attachment.ScanState.NOT_SCANNED
    scan_result: str = ""


def _refused_extension(name):
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return extension in settings.SPORTELLO_REFUSED_EXTENSIONS


def check_file(*, ticket, name, stream, size, sha256=None):
    """Check one file (a stream at position 0) for `ticket`. Returns CheckedFile or
    raises FileRefused with a message for the person who sent it."""
    name = check_name(name)
    if size == 0:
        raise FileRefused(_("“%(name)s” is empty.") % {"name": name})
    limit = settings.SPORTELLO_MAX_FILE_MB * 1024 * 1024
    if size > limit:
        raise FileRefused(_("“%(name)s” is too large: the limit is %(limit)s per file.")
                          % {"name": name, "limit": filesizeformat(limit)})
    # A ticket being opened (None) has no files yet.
    used = Attachment.objects.filter(ticket=ticket).aggregate(n=Sum("size"))["n"] or 0 if ticket else 0
    if used + size > settings.SPORTELLO_MAX_TICKET_MB * 1024 * 1024:
        raise FileRefused(_("“%(name)s” does not fit: this ticket's files may total at most %(limit)s.")
                          % {"name": name, "limit": filesizeformat(settings.SPORTELLO_MAX_TICKET_MB * 1024 * 1024)})
    stream.seek(0)
    content_type = magic.from_buffer(stream.read(HEAD_BYTES), mime=True) or "application/octet-stream"
    if content_type in settings.SPORTELLO_REFUSED_TYPES or _refused_extension(name):
        raise FileRefused(_("“%(name)s” is a program or a script, and these are not accepted whatever their "
                            "name. If the technician asked for it, put it in a ZIP archive.") % {"name": name})
    if sha256 is None:
        stream.seek(0)
        digest = hashlib.sha256()
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
        sha256 = digest.hexdigest()
    state, result = scan_stream(stream, name=name) if settings.CLAMAV_ADDRESS else (Attachment.ScanState.NOT_SCANNED, "")
    stream.seek(0)
    return CheckedFile(name=name, size=size, content_type=content_type, sha256=sha256, scan_state=state,
                       scan_result=result)


def scan_stream(stream, *, name):
    """(scan state, what the scanner said) for one file."""
    stream.seek(0)
    try:
        found = scan(stream)
    except ScanTooLarge as error:
        # Not a verdict on the file: clamd's StreamMaxLength is below our file limit.
        logger.warning("clamd refused %s as too large (%s): raise StreamMaxLength", name, error)
        return Attachment.ScanState.TOO_LARGE, str(error)
    except ScannerUnavailable as error:
        # Better late than lost: keep the file apart until the scanner answers again.
        logger.error("Virus scanner unavailable for %s: %s", name, error)
        return Attachment.ScanState.PENDING, str(error)
    if found:
        return Attachment.ScanState.INFECTED, found
    return Attachment.ScanState.CLEAN, ""


def rescan_held_files(*, limit=100):
    """Files kept apart because the scanner could not be reached: scan them again.
    Returns how many were released."""
    released = 0
    for attachment in Attachment.objects.filter(scan_state=Attachment.ScanState.PENDING).order_by("pk")[:limit]:
        with attachment.file.open("rb") as stream:
            state, result = scan_stream(stream, name=attachment.original_name)
        if state == Attachment.ScanState.PENDING:
            break  # still unreachable: try again at the next sweep
        Attachment.objects.filter(pk=attachment.pk, scan_state=Attachment.ScanState.PENDING).update(
            scan_state=state, scan_result=result[:200], quarantined=state == Attachment.ScanState.INFECTED)
        released += state != Attachment.ScanState.INFECTED
    return released


def store_file(*, ticket, checked, stream, message=None, file_request=None, by=None, content_id=""):
    """Write a checked file through the storage API (streamed, never read whole)."""
    attachment = Attachment(ticket=ticket, message=message, file_request=file_request, uploaded_by=by,
                            original_name=checked.name, content_type=checked.content_type[:150],
                            size=checked.size, sha256=checked.sha256, content_id=content_id[:250],
                            scan_state=checked.scan_state, scan_result=checked.scan_result[:200],
                            quarantined=checked.scan_state in Attachment.HELD_STATES)
    stream.seek(0)
    attachment.file.save("upload", stream if isinstance(stream, File) else File(stream), save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)  # leave nothing half-written behind
        raise
    return attachment


def store_bytes(*, ticket, name, data, message=None, content_id="", by=None):
    """An e-mail attachment: the same checks; a refused one is reported, not stored."""
    content = ContentFile(data)
    checked = check_file(ticket=ticket, name=display_name(name), stream=content, size=len(data))
    return store_file(ticket=ticket, checked=checked, stream=content, message=message, by=by, content_id=content_id)


@dataclass
class PlacedFiles:
    """A ticket's files by where its pages show them (a file for a request that came with
    a message is in both)."""

    on_message: dict = field(default_factory=lambda: defaultdict(list))   # message id → files
    on_request: dict = field(default_factory=lambda: defaultdict(list))   # file request id → files
    opening: list = field(default_factory=list)                            # sent with the opening e-mail


def placed_files(ticket):
    """Every file of the ticket in one query (a page read them once per place before)."""
    placed = PlacedFiles()
    for attachment in ticket.attachments.all():
        if attachment.message_id:
            placed.on_message[attachment.message_id].append(attachment)
        if attachment.file_request_id:
            placed.on_request[attachment.file_request_id].append(attachment)
        if not attachment.message_id and not attachment.file_request_id:
            placed.opening.append(attachment)
    return placed
