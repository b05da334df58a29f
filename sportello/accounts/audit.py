"""Writing the audit trail. `record()` may be called from anywhere: inside a
request it takes the client's address and the request id by itself."""

import logging

from sportello.text import clean_line
from sportello.web.request_id import current_client_address, current_request_id

from .models import AuditEntry

logger = logging.getLogger("sportello.audit")
Kind = AuditEntry.Kind


def record(kind, *, actor=None, actor_label="", target="", company=None, detail=""):
    """One audit row. `actor` is who acted (None for the system or an unknown person,
    then `actor_label` says who they claimed to be); `target` whom or what it concerns."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    label = actor_label or (actor.email if actor is not None else "")
    entry = AuditEntry.objects.create(
        kind=kind, actor=actor, actor_label=clean_line(label, 254), target=clean_line(str(target or ""), 254),
        company_id=getattr(company, "pk", None), company_name=clean_line(getattr(company, "name", ""), 200),
        detail=clean_line(str(detail or ""), 500), address=current_client_address.get() or None,
        request_id=current_request_id.get().strip("-"))
    logger.info("audit %s by %s: %s %s", kind, label or "-", target, detail)
    return entry
