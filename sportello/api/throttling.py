"""Throttling per token (per person for a browser session), so one runaway script
cannot slow the desk. Counted in Django's cache: with several web processes and the
default per-process cache a token gets up to the rate in each of them; configure a
shared cache (CACHES) where that matters."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .visibility import token_of


class PerTokenThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self):
        return settings.SPORTELLO_API_RATE

    def get_cache_key(self, request, view):
        token = token_of(request)
        if token is not None:
            return f"api-throttle-token-{token.pk}"
        if request.user and request.user.is_authenticated:
            return f"api-throttle-user-{request.user.pk}"
        return f"api-throttle-address-{self.get_ident(request)}"
