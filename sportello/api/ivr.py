"""The phone system's door: an IVR records a call-back for a caller who typed their
assistance code. POST /api/v1/phone/callbacks with "Authorization: Bearer <token>" (a
phone integration's token, made in the admin) and a JSON body
{"assistance_code": "ABCD-EFGH", "caller_number": "+39 02 1234 5678", "topic": "..."}.

Older than the rest of the API, it keeps its address and its answers: 201 {"id",
"company", "due_at"}; errors are problem details that also carry the `error` code and
`message` that phone systems already read: 401 bad or missing token, 400 missing fields,
404 unknown code, 403 contract not valid today, 429 too many wrong codes."""

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from sportello.customers.ledger import today
from sportello.phone.actions import Throttled, lookup_code, request_callback
from sportello.phone.models import CallbackRequest, PhoneIntegration
from sportello.text import clean_line

from .problems import problem

FIELDS = [("assistance_code", 20), ("caller_number", 30), ("topic", 300)]


class RawBody(BaseParser):
    """The body as bytes: an IVR's JSON may be anything, and anything unusable is a 400."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read() if stream is not None else b""


REFUSALS = {
    "unauthorized": (401, gettext_noop("A valid integration token is required.")),
    "bad_request": (400, gettext_noop("Send assistance_code and caller_number as JSON strings.")),
    "too_many_attempts": (429, gettext_noop("Too many wrong codes: try again in a few minutes.")),
    "unknown_code": (404, gettext_noop("No phone contract has this assistance code.")),
    "contract_not_valid": (403, gettext_noop("The phone contract for this code is not valid today.")),
}


def _refusal(code, **headers):
    """Problem details (`detail` in the Accept-Language), plus the two members that IVRs
    configured before them already read: `error` and the English `message`."""
    status, message = REFUSALS[code]
    response = problem(status, code, _(message), error=code, message=message)
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


class PhoneCallbackView(APIView):
    authentication_classes = []   # the phone integration's own token, checked below
    permission_classes = [AllowAny]
    throttle_classes = []         # wrong codes are throttled per integration (phone.actions)
    parser_classes = [RawBody]

    @extend_schema(
        operation_id="phone_callbacks_create", tags=["phone"], auth=[{"bearer": []}],
        request=inline_serializer("IvrCallback", {
            "assistance_code": serializers.CharField(max_length=20),
            "caller_number": serializers.CharField(max_length=30),
            "topic": serializers.CharField(max_length=300, required=False)}),
        responses={201: inline_serializer("IvrCallbackRecorded", {
            "id": serializers.IntegerField(), "company": serializers.CharField(),
            "due_at": serializers.DateTimeField()})})
    def post(self, request):
        scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
        integration = None
        if scheme.lower() == "bearer" and token:
            integration = PhoneIntegration.objects.filter(token_hash=PhoneIntegration.hash(token.strip()),
                                                          is_active=True).first()
        if integration is None:
            return _refusal("unauthorized", **{"WWW-Authenticate": 'Bearer realm="sportello"'})
        payload = _json_object(request.data)
        fields = {name: clean_line(payload.get(name), length) if isinstance(payload.get(name), str | int) else ""
                  for name, length in FIELDS}
        if not fields["assistance_code"] or not fields["caller_number"]:
            return _refusal("bad_request")
        try:
            contract = lookup_code(typed=fields["assistance_code"], integration=integration)
        except Throttled:
            return _refusal("too_many_attempts", **{"Retry-After": "600"})
        if contract is None:
            return _refusal("unknown_code")
        if not contract.is_valid_on(today()):
            return _refusal("contract_not_valid")
        callback = request_callback(company=contract.company, phone_number=fields["caller_number"],
                                    topic=fields["topic"], source=CallbackRequest.Source.PHONE_SYSTEM)
        return Response({"id": callback.pk, "company": contract.company.name,
                         "due_at": callback.due_at.isoformat()}, status=201)
