from datetime import timedelta

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode


class LanguageMiddleware:
    """Italian unless the user chose otherwise: their saved preference first, then
    the language switcher's cookie. The browser's Accept-Language is not a choice:
    an Italian office with an English browser still gets Italian."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        language = settings.LANGUAGE_CODE
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in self.available:
            language = cookie
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in self.available:
            language = user.language
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecondFactorMiddleware:
    """A session that needs a second step and has not passed it reaches nothing but
    the second step itself (verify or enrol), logging out and the language switch.
    This covers the console, the reserved area, /admin/ and every later addition.
    Runs after django-otp's OTPMiddleware, which sets `user.is_verified()`."""

    ALLOWED = ("accounts:verify", "accounts:two_factor_setup", "accounts:recovery_codes", "accounts:logout",
               "set_language", "healthz", "metrics")

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed_paths = None

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and user.requires_second_factor and not user.is_verified()
                and request.path not in self.allowed_paths()):
            step = "accounts:verify" if user.two_factor_enabled else "accounts:two_factor_setup"
            target = request.get_full_path() if request.method == "GET" else ""
            return redirect(f"{reverse(step)}?{urlencode({'next': target})}" if target else reverse(step))
        return self.get_response(request)

    def allowed_paths(self):
        if self._allowed_paths is None:
            self._allowed_paths = {reverse(name) for name in self.ALLOWED}
        return self._allowed_paths


class PresenceMiddleware:
    """Notes when a member of staff was last at the desk (the dashboard shows who is
    available). One UPDATE a minute per person at most, none for customers."""

    EVERY = timedelta(minutes=1)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .models import User

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_support_staff:
            now = timezone.now()
            if user.last_seen_at is None or now - user.last_seen_at >= self.EVERY:
                User.objects.filter(pk=user.pk).update(last_seen_at=now)
                user.last_seen_at = now
        return self.get_response(request)
