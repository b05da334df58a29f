from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from sportello.accounts.views import home, set_language
from sportello.api import pages as api_pages
from sportello.portal import kb as portal_kb
from sportello.web.health import healthz
from sportello.web.metrics import metrics

handler400 = "sportello.web.errors.bad_request"
handler403 = "sportello.web.errors.permission_denied"
handler404 = "sportello.web.errors.page_not_found"
handler500 = "sportello.web.errors.server_error"

admin.site.site_header = _("Sportello administration")
admin.site.site_title = _("Sportello")

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("accounts/", include("sportello.accounts.urls")),
    path("portal/", include("sportello.portal.urls")),
    path("guide/<int:pk>/", portal_kb.article, name="kb_article"),
    path("guide/<int:pk>/answer/", portal_kb.answer, name="kb_answer"),
    path("console/", include("sportello.console.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("sportello.api.urls")),
    path("api-tokens/<int:pk>/revoke/", api_pages.revoke, name="api_token_revoke"),
    # /admin/ has no login of its own: ours throttles and asks for the second step.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
]
