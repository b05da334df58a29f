"""Error pages in the product's layout and language, with the request id and a way
back: 400, 403, 404, 405, the CSRF failure and 500. Django's own are bare English
pages (the CSRF one even suggests turning DEBUG on)."""

import logging

from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("sportello.errors")


def _texts():
    return {
        400: (_("The request could not be understood"),
              _("Something in the address or the form was not valid. Go back and try again.")),
        403: (_("You cannot open this page"), _("Your account does not allow this action.")),
        404: (_("Page not found"),
              _("The address may be mistyped, or the page no longer exists or is not visible to your account.")),
        405: (_("This address is not for opening in the browser"),
              _("It is used by a button on another page. Go back to the page you came from and use its button.")),
        "csrf": (_("The page had expired"),
                 _("For your security the form could not be sent: it was opened too long ago or in another tab. "
                   "Go back, reload the page and send it again. Nothing has been saved.")),
        500: (_("Something went wrong on our side"),
              _("The error has been recorded and we will look into it. Nothing you wrote was lost that was not "
                "already saved: please try again in a few minutes.")),
    }


def _problem(request, status, title, detail):
    """Programs calling /api/ get problem details (RFC 9457), not a page."""
    body = {"type": f"https://sportello.example/problems/http-{status}", "title": str(title), "status": status,
            "detail": str(detail), "request_id": getattr(request, "id", "")}
    return JsonResponse(body, status=status, content_type="application/problem+json")


def error_page(request, status, kind=None):
    title, explanation = _texts()[kind or status]
    if request.path.startswith("/api/") and kind is None:
        return _problem(request, status, title, explanation)
    context = {"status": status, "title": title, "explanation": explanation,
               "request_id": getattr(request, "id", "")}
    return HttpResponse(render_to_string("errors/error.html", context, request=request), status=status)


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def csrf_failure(request, reason=""):
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return error_page(request, 403, "csrf")


def server_error(request):
    """Django has already logged the traceback (django.request). The layout needs the
    user and the database; if they are what failed, a plain page still says it."""
    try:
        return error_page(request, 500)
    except Exception:
        logger.exception("The error page itself failed")
        request_id = getattr(request, "id", "")
        return HttpResponseServerError(
            "<!doctype html><html lang=\"it\"><meta charset=\"utf-8\"><title>Errore · Sportello</title>"
            "<h1>Si è verificato un errore</h1><p>L'errore è stato registrato. Riprovi tra qualche minuto.</p>"
            f"<p>Codice dell'errore: <code>{request_id}</code></p><p><a href=\"/\">Torna alla pagina iniziale</a></p>")


class ErrorPagesMiddleware:
    """A 405 (a GET on an action's address, such as a claim) has an empty body:
    give it the same page as the other errors, keeping its Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.method != "HEAD":
            page = error_page(request, 405)
            if "Allow" in response:
                page["Allow"] = response["Allow"]
            return page
        return response
