"""The phone system's door: an IVR records a call-back for a caller who typed their
assistance code. POST /api/v1/phone/callbacks with "Authorization: Bearer <token>"
and a JSON body {"assistance_code": "ABCD-EFGH", "caller_number": "+39 02 1234 5678"}.

Answers: 201 {"id", "company", "due_at"}; 401 bad or missing token; 400 missing
fields; 404 unknown code; 403 contract not valid today; 429 too many wrong codes."""

import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sportello.customers.ledger import today
from sportello.text import clean_line

from .actions import Throttled, lookup_code, request_callback
from .models import CallbackRequest, PhoneIntegration


def _error(status, code, message, **headers):
    response = JsonResponse({"error": code, "message": message}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def _json_object(body):
    """The request's JSON object, or {} for anything else: not JSON, not UTF-8, not an
    object, or nested deeper than Python's parser goes (RecursionError)."""
    try:
        payload = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        return {}
    return payload if isinstance(payload, dict) else {}


@csrf_exempt
@require_POST
def record_callback(request):
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    integration = None
    if scheme.lower() == "bearer" and token:
        integration = PhoneIntegration.objects.filter(token_hash=PhoneIntegration.hash(token.strip()),
                                                      is_active=True).first()
    if integration is None:
        return _error(401, "unauthorized", "A valid integration token is required.",
                      **{"WWW-Authenticate": 'Bearer realm="sportello"'})
    payload = _json_object(request.body)
    fields = {name: clean_line(payload.get(name), length) if isinstance(payload.get(name), str | int) else ""
              for name, length in [("assistance_code", 20), ("caller_number", 30), ("topic", 300)]}
    if not fields["assistance_code"] or not fields["caller_number"]:
        return _error(400, "bad_request", "Send assistance_code and caller_number as JSON strings.")
    try:
        contract = lookup_code(typed=fields["assistance_code"], integration=integration)
    except Throttled:
        return _error(429, "too_many_attempts", "Too many wrong codes: try again in a few minutes.",
                      **{"Retry-After": "600"})
    if contract is None:
        return _error(404, "unknown_code", "No phone contract has this assistance code.")
    if not contract.is_valid_on(today()):
        return _error(403, "contract_not_valid", "The phone contract for this code is not valid today.")
    callback = request_callback(company=contract.company, phone_number=fields["caller_number"],
                                topic=fields["topic"], source=CallbackRequest.Source.PHONE_SYSTEM)
    return JsonResponse({"id": callback.pk, "company": contract.company.name,
                         "due_at": callback.due_at.isoformat()}, status=201)
