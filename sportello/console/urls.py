from django.urls import path

from . import views

app_name = "console"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("mine/", views.my_tickets, name="mine"),
    path("tickets/", views.all_tickets, name="all"),
    path("tickets/<str:code>/", views.ticket_detail, name="ticket"),
    path("tickets/<str:code>/claim/", views.claim, name="claim"),
    path("tickets/<str:code>/reply/", views.reply, name="reply"),
    path("tickets/<str:code>/note/", views.note, name="note"),
    path("tickets/<str:code>/status/", views.change_status, name="status"),
    path("tickets/<str:code>/reassign/", views.reassign, name="reassign"),
]
