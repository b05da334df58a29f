"""Every request gets an id, shown on error pages and written on every log line of
that request, so "codice dell'errore 3f2a…" on a customer's screenshot finds the
traceback. A proxy's X-Request-ID is kept when it looks like one."""

import contextvars
import logging
import re
import uuid

current_request_id = contextvars.ContextVar("request_id", default="-")
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _ACCEPTED.fullmatch(incoming) else uuid.uuid4().hex
        token = current_request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response.headers["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request: worker, commands)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True
