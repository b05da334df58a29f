import pytest
from django.test import Client

from sportello.api import tokens
from sportello.api.models import PERSONAL_SCOPES, Scope


class Api:
    """A program calling the API with one token."""

    def __init__(self, secret, language="it"):
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE=language)

    def get(self, path, **params):
        return self.client.get(path, params)

    def post(self, path, data=None, **headers):
        return self.client.post(path, data or {}, content_type="application/json", headers=headers)


@pytest.fixture
def integration(people):
    """The billing/ERP system: every scope, the whole desk."""
    _token, secret = tokens.create_integration_token(name="ERP Omnia", scopes=Scope.values, by=people.silvia)
    return Api(secret)


@pytest.fixture
def personal(people):
    def make(user, scopes=PERSONAL_SCOPES, language="it"):
        _token, secret = tokens.create_personal_token(user=user, name="Script", scopes=scopes)
        return Api(secret, language)

    return make


def new_ticket(company, **changes):
    from sportello.tickets.models import RequestType

    return {"company": company.pk, "request_type": RequestType.objects.get(name="Malfunzionamento").pk,
            "requester_name": "Mario Rossi", "callback_phone": "02 1234 5678", "answer_email": "mario@acme.test",
            "subject": "La stampa non parte", "description": "Dal menu Stampa il programma si chiude.", **changes}
