from django.urls import path

from . import downloads, kb, people, phone, search_views, uploads, views

app_name = "portal"

urlpatterns = [
    path("", views.ticket_list, name="tickets"),
    path("search/", search_views.search, name="search"),
    path("tickets/new/", views.new_ticket, name="new_ticket"),
    path("tickets/new/split/", views.new_tickets_split, name="new_tickets_split"),
    path("packages/", views.packages, name="packages"),
    path("contracts/", views.contracts, name="contracts"),
    path("phone/", phone.phone, name="phone"),
    path("guide/", kb.article_list, name="kb"),
    path("guide/suggestions/", kb.suggestions, name="kb_suggestions"),
    path("guide/solved/", kb.deflect, name="kb_deflect"),
    path("downloads/", downloads.downloads, name="downloads"),
    path("downloads/<int:pk>/<str:name>", downloads.download, name="download"),
    path("downloads/installed-version/", downloads.installed_version, name="installed_version"),
    path("downloads/preferences/", downloads.preferences, name="release_preferences"),
    path("people/", people.people, name="people"),
    path("people/<int:pk>/admin/", people.make_admin, name="make_admin"),
    path("people/<int:pk>/not-admin/", people.revoke_admin, name="revoke_admin"),
    path("people/<int:pk>/retire/", people.retire, name="retire_contact"),
    path("people/<int:pk>/restore/", people.restore, name="restore_contact"),
    path("people/<int:pk>/invite-again/", people.invite_again, name="invite_again"),
    path("packages/movements.csv", views.packages_csv, name="packages_csv"),
    path("tickets/<str:code>/", views.ticket_detail, name="ticket"),
    path("tickets/<str:code>/reply/", views.ticket_reply, name="reply"),
    path("attachments/<int:pk>/", views.download, name="attachment"),
    path("tickets/<str:code>/files/<int:pk>/", uploads.upload_page, name="upload"),
    path("tickets/<str:code>/files/<int:pk>/send/", uploads.upload, name="upload_send"),
    path("tickets/<str:code>/files/<int:pk>/done/", uploads.complete, name="upload_done"),
]
