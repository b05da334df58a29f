"""What tickets look like to other programs. Input is checked by the same forms as
the pages (`portal.forms`, `console.forms`), so a rule is written once."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sportello.portal.forms import DESCRIPTION_TOO_SHORT, PHONE_MESSAGE, PHONE_RE
from sportello.tickets.models import NO_DEADLINE, Attachment, Event, FileRequest, Message, RequestType, Ticket

from .params import id_field


def form_errors(form):
    """A Django form's errors as a DRF validation error (same messages, same language)."""
    return serializers.ValidationError({field if field != "__all__" else "non_field_errors": [str(e) for e in errs]
                                        for field, errs in form.errors.items()})


def checked_by(form_class, data, **kwargs):
    form = form_class(data={k: v for k, v in data.items() if v is not None}, **kwargs)
    if not form.is_valid():
        raise form_errors(form)
    return form


class CompanyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    customer_code = serializers.CharField()


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class TicketSerializer(serializers.ModelSerializer):
    company = CompanyRefSerializer(read_only=True)
    request_type = serializers.CharField(source="request_type.name", read_only=True)
    contact_email = serializers.EmailField(source="contact.email", read_only=True, allow_null=True, default=None)
    assignee = PersonRefSerializer(read_only=True, allow_null=True)
    response_due_at = serializers.SerializerMethodField()
    sla_state = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Ticket
        fields = ["code", "url", "company", "contact_email", "requester_name", "callback_phone", "answer_email",
                  "request_type", "subject", "description", "channel", "status", "priority", "assignee",
                  "created_at", "updated_at", "first_response_at", "resolved_at", "closed_at",
                  "response_due_at", "sla_state"]

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_response_due_at(self, ticket):
        return None if ticket.response_due_at == NO_DEADLINE else ticket.response_due_at.isoformat()

    @extend_schema_field(serializers.ChoiceField(choices=["on_time", "at_risk", "missed"], allow_null=True))
    def get_sla_state(self, ticket):
        return ticket.sla_state()

    def get_url(self, ticket) -> str:
        return reverse("api:ticket-detail", kwargs={"code": ticket.code})


class TicketCreateSerializer(serializers.Serializer):
    """Opening a ticket. Programs of the desk (integration tokens, staff) name the
    company; a customer's token opens for the customer's own company."""

    company = id_field(required=False, help_text=_(
        "Company id. Required for integration and staff tokens, unless the token is restricted to one company."))
    contact_email = serializers.EmailField(required=False, help_text=_(
        "A contact of that company who will see the ticket in the reserved area (optional)."))
    request_type = id_field(help_text=_("Id of an active request type (see /request-types/)."))
    requester_name = serializers.CharField(max_length=150)
    callback_phone = serializers.RegexField(PHONE_RE.pattern, max_length=30, help_text=_("For example 02 1234 5678."),
                                            error_messages={"invalid": PHONE_MESSAGE})
    answer_email = serializers.EmailField()
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(min_length=10, max_length=50000,
                                        error_messages={"min_length": DESCRIPTION_TOO_SHORT})


class MessageBodySerializer(serializers.Serializer):
    body = serializers.CharField(max_length=50000)


class ReplySerializer(MessageBodySerializer):
    then_status = serializers.ChoiceField(choices=Ticket.Status.choices, required=False, help_text=_(
        "Staff only: the status after the reply (e.g. waiting for the customer)."))


class NoteWithFilesSerializer(MessageBodySerializer):
    files = serializers.ListField(child=serializers.FileField(), required=False)


class ReplyWithFilesSerializer(ReplySerializer):
    files = serializers.ListField(child=serializers.FileField(), required=False)


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Ticket.Status.choices)


class PrioritySerializer(serializers.Serializer):
    priority = serializers.ChoiceField(choices=Ticket.Priority.choices)


class AssignSerializer(serializers.Serializer):
    technician = id_field(help_text=_("Id of an active technician or supervisor."))


class MergeSerializer(serializers.Serializer):
    into = serializers.CharField(max_length=20, help_text=_("Code of the ticket that stays."))


class SplitSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=50000)


class FileRequestCreateSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=2000)


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "name", "size", "sha256", "message", "file_request", "scan_state", "created_at",
                  "download_url"]

    def get_download_url(self, attachment) -> str:
        return reverse("api:attachment-download", kwargs={"pk": attachment.pk})


class MessageSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Message
        fields = ["id", "kind", "author", "body", "created_at", "attachments"]

    @extend_schema_field(serializers.ChoiceField(choices=["note", "staff", "customer"]))
    def get_kind(self, message):
        if message.is_internal:
            return "note"
        return "staff" if message.from_staff else "customer"

    def get_author(self, message) -> str:
        return message.author.full_name if message.author else message.author_name


class EventSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    actor = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["id", "kind", "actor", "old_value", "new_value", "created_at"]

    def get_actor(self, event) -> str:
        return event.actor.full_name if event.actor else ""


class FileRequestSerializer(serializers.ModelSerializer):
    ticket = serializers.CharField(source="ticket.code")
    requested_by = serializers.CharField(source="requested_by.full_name")

    class Meta:
        model = FileRequest
        fields = ["id", "ticket", "description", "state", "requested_by", "created_at", "fulfilled_at"]


class RequestTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestType
        fields = ["id", "name", "is_active"]
