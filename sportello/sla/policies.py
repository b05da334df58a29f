from datetime import timedelta

from .models import SlaPolicy

DEFAULT_FIRST_RESPONSE = timedelta(hours=8)


class Targets:
    """The service-level policies, loaded once, answering for any ticket."""

    def __init__(self, policies=None):
        self.policies = list(policies if policies is not None else SlaPolicy.objects.all())

    def for_ticket(self, ticket):
        """(first response, resolution or None): the strictest of the matching policies."""
        matching = [p for p in self.policies
                    if p.request_type_id in (None, ticket.request_type_id) and p.priority in ("", ticket.priority)]
        if not matching:
            return DEFAULT_FIRST_RESPONSE, None
        first = min(timedelta(hours=float(p.first_response_hours)) for p in matching)
        resolutions = [timedelta(hours=float(p.resolution_hours)) for p in matching if p.resolution_hours is not None]
        return first, (min(resolutions) if resolutions else None)
