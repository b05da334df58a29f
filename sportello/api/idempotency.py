"""Idempotency-Key on creating requests: a retried "open ticket" never opens two
tickets nor spends two units.

The key's row is inserted in the same transaction as what the request creates. A
retry that arrives while the first is still running waits on the unique index
(PostgreSQL) or on the write lock (SQLite); it then finds the stored answer and
returns it. If the first failed, its row rolled back with everything else, and the
retry runs as if it were the first."""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.response import Response

from .models import IdempotentRequest
from .problems import Unprocessable
from .visibility import token_of

HEADER = "Idempotency-Key"


def _fingerprint(request):
    payload = json.dumps(request.data, sort_keys=True, default=str) if request.data else ""
    return hashlib.sha256(f"{request.method} {request.path}\n{payload}".encode()).hexdigest()


def _replay(stored, fingerprint):
    if stored.fingerprint != fingerprint:
        raise Unprocessable(_("This Idempotency-Key was used for a different request."))
    response = Response(stored.body, status=stored.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def run_once(request, create):
    """`create()` makes the object and returns (status, body); both are kept under the key."""
    key = request.headers.get(HEADER, "").strip()
    token = token_of(request)
    if not key or token is None:
        status, body = create()
        return Response(body, status=status)
    if len(key) > 255:
        raise Unprocessable(_("An Idempotency-Key is at most 255 characters."))
    fingerprint = _fingerprint(request)
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = IdempotentRequest.objects.create(token=token, key=key, fingerprint=fingerprint)
        except IntegrityError:
            return _replay(IdempotentRequest.objects.get(token=token, key=key), fingerprint)
        status, body = create()
        row.status_code, row.body = status, body
        row.save(update_fields=["status_code", "body"])
    return Response(body, status=status)
