from django.conf import settings
from django.utils import translation


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
