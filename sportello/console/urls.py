from django.urls import path

from . import companies, mail_views, phone, service_levels, views

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
    path("tickets/<str:code>/refund/", views.refund, name="refund"),
    path("tickets/<str:code>/priority/", views.priority, name="priority"),
    path("tickets/<str:code>/request-file/", views.request_file, name="request_file"),
    path("tickets/<str:code>/one-topic/", views.one_topic, name="one_topic"),
    path("tickets/<str:code>/split/", views.split, name="split"),
    path("tickets/<str:code>/merge/", views.merge_into, name="merge"),
    path("companies/", companies.company_list, name="companies"),
    path("companies/<int:pk>/", companies.company_card, name="company"),
    path("companies/<int:pk>/purchase/", companies.record_purchase, name="purchase"),
    path("companies/<int:pk>/adjustment/", companies.record_adjustment, name="adjustment"),
    path("packages/attention/", companies.attention, name="attention"),
    path("service-levels/", service_levels.report, name="service_levels"),
    path("phone/", phone.desk, name="phone"),
    path("phone/companies/<int:company_pk>/", phone.desk, name="phone_company"),
    path("phone/companies/<int:company_pk>/call/", phone.log_call, name="log_call"),
    path("callbacks/", phone.callbacks, name="callbacks"),
    path("callbacks/<int:pk>/claim/", phone.claim_callback, name="claim_callback"),
    path("callbacks/<int:pk>/attempt/", phone.record_attempt, name="callback_attempt"),
    path("mail/triage/", mail_views.triage, name="triage"),
    path("mail/triage/<int:pk>/open/", mail_views.triage_open, name="triage_open"),
    path("mail/triage/<int:pk>/discard/", mail_views.triage_discard, name="triage_discard"),
    path("mail/undelivered/", mail_views.undelivered, name="undelivered"),
    path("mail/undelivered/<int:pk>/retry/", mail_views.retry, name="retry_mail"),
    path("attachments/<int:pk>/", views.download, name="attachment"),
    path("calendars/", service_levels.calendars, name="calendars"),
    path("calendars/closing-days/", service_levels.add_closing_days, name="add_closing_days"),
    path("calendars/closing-days/<int:pk>/remove/", service_levels.remove_closing_day, name="remove_closing_day"),
]
