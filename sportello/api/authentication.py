"""Bearer tokens for programs, the session for the browsable documentation."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken

# last_used_at is a hint for supervisors, not a log: one write a minute per token is enough.
LAST_USED_GRAIN = timedelta(minutes=1)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "bearer"

    def authenticate(self, request):
        scheme, _sep, secret = authentication.get_authorization_header(request).decode("latin-1").partition(" ")
        if scheme.lower() != self.keyword:
            return None
        secret = secret.strip()
        if not secret:
            raise exceptions.AuthenticationFailed(_("The Authorization header has no token."))
        token = ApiToken.objects.select_related("user", "user__contact", "company").filter(
            key_hash=ApiToken.hash(secret)).first()
        if token is None or not token.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid, or it has been revoked."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRAIN:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="sportello"'
