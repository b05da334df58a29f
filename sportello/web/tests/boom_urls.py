"""The product's addresses plus one that fails, to test the 500 page."""

from django.urls import path

from sportello.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def boom(request):
    raise RuntimeError("kaboom in a view")


urlpatterns = [*urlpatterns, path("boom/", boom)]
