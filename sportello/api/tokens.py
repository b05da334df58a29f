"""Issuing and revoking API tokens. The secret is shown once, when it is made."""

import secrets

from django.db import transaction
from django.utils import timezone

from sportello.accounts import audit
from sportello.accounts.models import User

from .models import PERSONAL_SCOPES, ApiToken, Scope

SECRET_PREFIX = "spt_"


def _new_secret():
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def _issue(**fields):
    secret = _new_secret()
    token = ApiToken.objects.create(prefix=secret[:12], key_hash=ApiToken.hash(secret), **fields)
    return token, secret


def create_integration_token(*, name, scopes, by, company=None):
    """A token for another system. It acts through its own service account, so the
    tickets' history names the integration, not the supervisor who made it."""
    scopes = sorted(set(scopes) & set(Scope.values))
    with transaction.atomic():
        account = User.objects.create_user(f"api-{secrets.token_hex(8)}@integrations.invalid", None,
                                           full_name=f"API · {name}"[:150], role=User.Role.INTEGRATION)
        token, secret = _issue(kind=ApiToken.Kind.INTEGRATION, name=name, scopes=scopes, user=account,
                               company=company, created_by=by)
        audit.record(audit.Kind.TOKEN_CREATED, actor=by, target=str(token), company=company,
                     detail=" ".join(scopes))
    return token, secret


def create_personal_token(*, user, name, scopes):
    """A person's own token: at most what the person may do on the pages."""
    scopes = sorted(set(scopes) & set(PERSONAL_SCOPES))
    with transaction.atomic():
        token, secret = _issue(kind=ApiToken.Kind.PERSONAL, name=name, scopes=scopes, user=user, created_by=user)
        audit.record(audit.Kind.TOKEN_CREATED, actor=user, target=str(token),
                     company=getattr(getattr(user, "contact", None), "company", None), detail=" ".join(scopes))
    return token, secret


def revoke(*, token, by):
    """From the next request on, the token answers 401."""
    with transaction.atomic():
        if not ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now()):
            return False
        if token.is_integration:
            User.objects.filter(pk=token.user_id).update(is_active=False)
        audit.record(audit.Kind.TOKEN_REVOKED, actor=by, target=str(token), company=token.company)
    return True
