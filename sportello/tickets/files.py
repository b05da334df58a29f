"""Storing files on tickets through Django's storage API (local folder or S3)."""

import hashlib
import re
import unicodedata

from django.core.files.base import ContentFile

from .models import Attachment

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def display_name(name):
    """A name safe to show and to offer for download: no folders, control characters
    or reserved device names. The file on disk has a random name anyway."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "_", name).strip(" .")
    stem = name.split(".")[0].lower()
    if not name or stem in WINDOWS_RESERVED:
        name = f"file_{name}" if name else "file"
    return name[:255]


def store_attachment(*, ticket, message=None, name, content_type, data: bytes, content_id=""):
    attachment = Attachment(ticket=ticket, message=message, original_name=display_name(name),
                            content_type=content_type[:150] or "application/octet-stream", size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), content_id=content_id[:250])
    attachment.file.save("upload", ContentFile(data), save=False)
    attachment.save()
    return attachment
