"""Every request gets an id, shown on error pages and written on every log line of
that request, so "codice dell'errore 3f2a…" on a customer's screenshot finds the
traceback. A proxy's X-Request-ID is kept when it looks like one."""

import contextvars
import ipaddress
import logging
import re
import uuid

from django.conf import settings

current_request_id = contextvars.ContextVar("request_id", default="-")
current_client_address = contextvars.ContextVar("client_address", default="")
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _ACCEPTED.fullmatch(incoming) else uuid.uuid4().hex
        token = current_request_id.set(request.id)
        address_token = current_client_address.set(client_address(request))
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
            current_client_address.reset(address_token)
        response.headers["X-Request-ID"] = request.id
        return response


def client_address(request):
    """The client's IP address. Behind our reverse proxy (SPORTELLO_BEHIND_PROXY) it is
    the last address in X-Forwarded-For, the one the proxy itself saw; anything to its
    left was sent by the client and proves nothing."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if _is_address(forwarded):
            return forwarded
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _is_address(remote) else ""


def _is_address(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request: worker, commands)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True
