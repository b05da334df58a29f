from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from . import desk_views, file_views, ivr, ticket_views

app_name = "api"

router = SimpleRouter()
router.register("tickets", ticket_views.TicketViewSet, basename="ticket")
router.register("attachments", file_views.AttachmentViewSet, basename="attachment")
router.register("file-requests", file_views.FileRequestViewSet, basename="file-request")
router.register("companies", desk_views.CompanyViewSet, basename="company")
router.register("contacts", desk_views.ContactViewSet, basename="contact")
router.register("request-types", desk_views.RequestTypeViewSet, basename="request-type")
router.register("package-products", desk_views.PackageProductViewSet, basename="package-product")
router.register("packages", desk_views.PackageViewSet, basename="package")
router.register("ledger", desk_views.LedgerViewSet, basename="ledger")
router.register("phone-contracts", desk_views.PhoneContractViewSet, basename="phone-contract")
router.register("callbacks", desk_views.CallbackViewSet, basename="callback")

urlpatterns = [
    # The description of the API is public (it holds no data), like any vendor's API reference.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=[AllowAny]),
         name="docs"),
    # The phone system's door, older than the rest: same URL and answers as before.
    path("phone/callbacks", ivr.PhoneCallbackView.as_view(), name="phone_callbacks"),
    *router.urls,
]
