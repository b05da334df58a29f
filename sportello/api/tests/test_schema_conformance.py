"""The API against its own OpenAPI document, as Schemathesis generates requests: no
server error, and every answer (status, content type, body) as the document says.
Invalid requests must be refused; valid-looking ones may still be refused for a
business reason the document cannot express (a company id that does not exist), so
"positive data acceptance" is the one check left out.
Run in process through WSGI, bounded in examples, with a supervisor-level integration
token, a supervisor's personal token and a customer's personal token."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from sportello.api import tokens
from sportello.api.models import PERSONAL_SCOPES, Scope
from sportello.phone.models import PhoneContract
from sportello.tickets.actions import request_file


@pytest.fixture
def personas(people, open_ticket_for):
    from datetime import date

    ticket = open_ticket_for(people.mario)
    request_file(ticket=ticket, by=people.anna, description="Il log")
    open_ticket_for(people.luca)
    PhoneContract.objects.create(company=people.acme, valid_from=date(2020, 1, 1), valid_until=date(2099, 1, 1))
    _t, desk = tokens.create_integration_token(name="ERP", scopes=Scope.values, by=people.silvia)
    _t, supervisor = tokens.create_personal_token(user=people.silvia, name="Script", scopes=PERSONAL_SCOPES)
    _t, customer = tokens.create_personal_token(user=people.mario, name="Excel", scopes=PERSONAL_SCOPES)
    return {"desk": desk, "supervisor": supervisor, "customer": customer}


@pytest.fixture
def in_process_wsgi():
    """Keep the test's database connection across WSGI requests, as Django's test client
    does (the handler would close it at the end of each request)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


# Positive cases (valid by the document) and negative ones (invalid: they must be refused
# with a 4xx, never accepted and never a 500).
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_as_documented(personas, settings, in_process_wsgi, mode):
    settings.SPORTELLO_API_RATE = "100000/min"
    cache.clear()
    operations = _operations()
    assert len(operations) >= 30
    for operation in operations:
        if operation.path.endswith(("/schema/", "/docs/")):
            continue

        @given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis_settings(max_examples=4, deadline=None, derandomize=True, database=None,
                             suppress_health_check=list(HealthCheck))
        def check(case):
            for secret in personas.values():
                case.call_and_validate(headers={"Authorization": f"Bearer {secret}"},
                                       excluded_checks=[positive_data_acceptance])

        check()


CALLS = []   # (method, path, status) of the stateful run


def _real_ids():
    from sportello.accounts.models import User
    from sportello.customers.models import Company, PackageProduct
    from sportello.tickets.models import RequestType

    return {"request_type": RequestType.objects.filter(is_active=True).first().pk,
            "company": Company.objects.get(customer_code="C0001").pk, "product": PackageProduct.objects.first().pk,
            "technician": User.objects.get(email="anna@sportello.test").pk}


def test_sequences_of_calls_keep_their_promises(personas, settings, in_process_wsgi):
    """Stateful: Schemathesis links operations (a created ticket is then read, replied to,
    its status changed...) and runs short sequences of them with the desk's token."""
    settings.SPORTELLO_API_RATE = "100000/min"
    cache.clear()
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    real = _real_ids()

    @schema.hook
    def map_body(context, body):
        """Random ids rarely name a row: give the creations real ones, so the sequences go deep."""
        if isinstance(body, dict) and context.operation.method.upper() == "POST":
            for field in ("request_type", "company", "product", "technician"):
                if field in body:
                    body[field] = real[field]
        return body

    machine = schema.as_state_machine()
    headers = {"Authorization": f"Bearer {personas['desk']}"}

    class DeskMachine(machine):
        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, **kwargs):
            CALLS.append((case.method, case.path, response.status_code))
            # Invalid input is the stateless test's business; here an unknown query parameter
            # (which the API ignores, as the document allows) would count as "accepted".
            case.validate_response(response, excluded_checks=[positive_data_acceptance, negative_data_rejection],
                                   headers=headers)

    DeskMachine.run(settings=hypothesis_settings(max_examples=25, stateful_step_count=8, deadline=None,
                                                 derandomize=True, database=None,
                                                 suppress_health_check=list(HealthCheck)))
    # The sequences went past the first call: an object made or listed was then used by its link.
    assert any(status < 300 and "{" in path for _method, path, status in CALLS), CALLS
