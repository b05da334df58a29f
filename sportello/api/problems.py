"""Errors as RFC 9457 problem details, in the caller's language (Accept-Language)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_TYPE = "https://sportello.example/problems/"


class Conflict(exceptions.APIException):
    """The request is understood but the ticket's state refuses it (closed, already taken...)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "unprocessable"


def _titles():
    return {
        400: _("The request is not valid"),
        401: _("Authentication required"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        413: _("Too large"),
        415: _("Unsupported media type"),
        422: _("Cannot be processed"),
        429: _("Too many requests"),
    }


def problem(status_code, code, detail, **extra):
    body = {"type": PROBLEM_TYPE + code, "title": _titles().get(status_code, _("Error")), "status": status_code,
            "detail": str(detail), "code": code, **extra}
    return Response(body, status=status_code, content_type="application/problem+json")


def _flatten(errors, prefix=""):
    """DRF's nested validation errors as a flat list of {field, message}."""
    if isinstance(errors, dict):
        return [item for key, value in errors.items()
                for item in _flatten(value, f"{prefix}.{key}" if prefix else str(key))]
    if isinstance(errors, list):
        return [item for value in errors for item in _flatten(value, prefix)]
    return [{"field": prefix or None, "message": str(errors)}]


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None   # a bug: Django's own 500 handling (logged, request id) takes over
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        detail = _("Some fields are not valid: %(fields)s.") % {
            "fields": ", ".join(sorted({e["field"] or _("request") for e in errors}))}
        result = problem(400, "invalid", detail, errors=errors)
    else:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
        result = problem(response.status_code, code, detail)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result
