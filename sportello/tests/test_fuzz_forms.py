"""Random and hostile values to every address of the product — every form, every
list's query string, the phone system's JSON — as a customer administrator and as
a supervisor: whatever comes in, the answer is never a server error."""

import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.conftest import log_in
from sportello.mail.inbound import receive
from sportello.phone.actions import request_callback
from sportello.phone.models import PhoneContract, PhoneIntegration
from sportello.sla.models import ClosingDay
from sportello.tickets import actions
from sportello.tickets.files import store_bytes

# These end the session the fuzzing runs in; they are tested on their own.
SKIPPED = {"accounts:logout", "accounts:logout_everywhere", "accounts:disable_two_factor", "api:phone_callbacks",
           "accounts:password_reset_confirm"}


def _patterns(resolver=None, prefix="", namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if "admin" not in str(pattern.pattern):
                yield from _patterns(pattern, prefix + str(pattern.pattern),
                                     f"{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern)


# The REST API's routes (regular expressions) are fuzzed against their schema: sportello/api/tests.
PATTERNS = sorted({name: route for name, route in _patterns() if name not in SKIPPED and "^" not in route}.items())

HOSTILE = st.sampled_from([
    "", " ", "0", "-1", "99999999999999999999999", "1e308", "NaN", "null", "[]", "{}", "true", "\x00", "\x1b[2J",
    "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "%s%s%n", "\u202e", "🙂" * 50,
    "31-02-2026", "2026-13-45", "00-00-0000", "9999-12-31T23:59:59-01:00_1", "TK", "TK000000", "x" * 10_000,
    "a@b", "@", "javascript:alert(1)", "http://evil.example/", "\r\nSet-Cookie: x=y",
])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
VALUE = st.one_of(HOSTILE, TEXT, st.integers(min_value=-10**12, max_value=10**12).map(str))

# Lists page with cursors: the calendar's ends, naive stamps, ids past 64 bits, junk.
CURSOR = st.one_of(st.sampled_from([
    "9999-12-31T23:59:59-01:00_1", "0001-01-01T00:00:00+01:00_1", "2026-11-28T10:00:00_1",
    "99999999999999999999", "2026-11-28T10:00:00+01:00_99999999999999999999"]),
    st.datetimes().map(lambda moment: f"{moment.isoformat()}_{moment.microsecond}"), VALUE)
PAGING = st.one_of(st.fixed_dictionaries({"after": CURSOR}), st.fixed_dictionaries({"before": CURSOR}), st.just({}))


@pytest.fixture
def world(people, open_ticket_for):
    """One of everything an address can point at, visible to both personas."""
    ticket = open_ticket_for(people.mario)
    actions.claim_ticket(ticket=ticket, technician=people.silvia)
    file_request = actions.request_file(ticket=ticket, by=people.silvia, description="Il log")
    message = actions.reply_as_customer(ticket=ticket, author=people.mario, body="Ecco")
    attachment = store_bytes(ticket=ticket, message=message, name="a.txt", data=b"dati")
    PhoneContract.objects.create(company=people.acme, valid_from="2026-01-01", valid_until="2099-12-31")
    callback = request_callback(company=people.acme, phone_number="02 1234 5678")
    inbound, _ = receive(b"From: x@sconosciuto.test\nTo: assistenza@sportello.example\nSubject: ciao\n\ntesto\n")
    from sportello.outbox.models import OutboundMail

    outbound = OutboundMail.objects.first()
    closing = ClosingDay.objects.create(calendar_id=1, day="2099-08-15", description="Ferragosto")
    ids = {"code": ticket.code, "company_pk": people.acme.pk}
    by_name = {"attachment": attachment.pk, "upload": file_request.pk, "upload_send": file_request.pk,
               "upload_done": file_request.pk, "company": people.acme.pk, "purchase": people.acme.pk,
               "adjustment": people.acme.pk, "claim_callback": callback.pk, "callback_attempt": callback.pk,
               "triage_open": inbound.pk, "triage_discard": inbound.pk, "retry_mail": outbound.pk,
               "remove_closing_day": closing.pk}
    if not FIELD_NAMES:
        FIELD_NAMES.extend(_field_names(people, ids, by_name))
    return {"ids": ids, "by_name": by_name, "fields": FIELD_NAMES, "people": people}


FIELD_NAMES = []  # the same in every test: read once from the pages' forms


def _field_names(people, ids, by_name):
    """The name of every field of every form the two personas are shown."""
    names = set()
    for user in (people.mario, people.silvia):
        client = log_in(Client(), user)
        for name, route in PATTERNS:
            page = client.get("/" + _fill(route, name, ids, by_name))
            if page.status_code == 200 and "html" in page.get("Content-Type", ""):
                names |= set(re.findall(r'name="([^"]+)"', page.content.decode()))
    return sorted(names - {"csrfmiddlewaretoken"})


def _fill(route, name, ids, by_name):
    short = name.split(":")[-1]
    route = route.replace("<str:code>", ids["code"]).replace("<int:company_pk>", str(ids["company_pk"]))
    route = route.replace("<int:pk>", str(by_name.get(short, 1)))
    return re.sub(r"<[^>]+>", "x", route)


@pytest.mark.parametrize(("name", "route"), PATTERNS, ids=[name for name, _ in PATTERNS])
@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_no_address_answers_a_server_error(world, name, route, data):
    url = "/" + _fill(route, name, world["ids"], world["by_name"])
    names = data.draw(st.lists(st.sampled_from(world["fields"] + ["junk", "after", "before"]), max_size=8,
                               unique=True), label="fields")
    values = {field: data.draw(st.one_of(VALUE, st.lists(VALUE, max_size=3)), label=field) for field in names}
    values.update(data.draw(PAGING, label="paging"))
    method = data.draw(st.sampled_from(["get", "post"]), label="method")
    for persona in (world["people"].mario, world["people"].silvia, None):
        client = Client(raise_request_exception=False)
        if persona is not None:
            log_in(client, persona)
        response = getattr(client, method)(url, values)
        expected_503 = name == "healthz" and response.status_code == 503   # no worker runs in the tests
        assert response.status_code < 500 or expected_503, (
            f"{persona}: {method.upper()} {url} {values!r} -> {response.status_code}")


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT
                           | HOSTILE, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner,
                                                                                                   max_size=4),
                           max_leaves=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.one_of(
    st.fixed_dictionaries({"assistance_code": JSON_VALUES, "caller_number": JSON_VALUES, "topic": JSON_VALUES}),
    JSON_VALUES), raw=st.booleans())
def test_the_phone_system_endpoint_never_fails(defaults, payload, raw):
    PhoneIntegration.objects.get_or_create(name="IVR", defaults={"token_hash": PhoneIntegration.hash("t-fuzz")})
    body = json.dumps(payload, ensure_ascii=not raw, allow_nan=True).encode("utf-8", "surrogatepass")
    response = Client(raise_request_exception=False).post(
        "/api/v1/phone/callbacks", body, content_type="application/json", HTTP_AUTHORIZATION="Bearer t-fuzz")
    assert response.status_code in (201, 400, 403, 404, 429)
