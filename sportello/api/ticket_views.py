"""/api/v1/tickets/: the same use cases as the console and the reserved area, through
the same functions (`tickets.actions`, `topic_actions`), with the same visibility."""

from datetime import UTC

from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from sportello.accounts.models import User
from sportello.customers import ledger
from sportello.customers.models import Contact
from sportello.portal.forms import NewTicketForm, ReplyForm
from sportello.search import filters as search_filters
from sportello.search.documents import scope_terms
from sportello.search.query import parse
from sportello.search.results import search_tickets
from sportello.tickets import actions
from sportello.tickets.models import InvalidTransition, Ticket
from sportello.tickets.topic_actions import SplitRefused, merge_tickets, split_ticket
from sportello.tickets.uploads import checked_uploads

from . import visibility
from .idempotency import run_once
from .models import Scope
from .params import ID_SCHEMA, row_id
from .problems import Conflict
from .ticket_serializers import (
    AssignSerializer,
    EventSerializer,
    FileRequestCreateSerializer,
    FileRequestSerializer,
    MergeSerializer,
    MessageBodySerializer,
    MessageSerializer,
    NoteWithFilesSerializer,
    PrioritySerializer,
    ReplySerializer,
    ReplyWithFilesSerializer,
    SplitSerializer,
    StatusSerializer,
    TicketCreateSerializer,
    TicketSerializer,
    checked_by,
)
from .uploads import StreamedUploads

LIST_RELATED = ("company", "request_type", "assignee", "contact")

FILTERS = [
    OpenApiParameter("status", OpenApiTypes.STR, enum=Ticket.Status.values, description="Only tickets in this status."),
    OpenApiParameter("priority", OpenApiTypes.STR, enum=Ticket.Priority.values),
    OpenApiParameter("channel", OpenApiTypes.STR, enum=Ticket.Channel.values),
    OpenApiParameter("company", ID_SCHEMA, description="Company id."),
    OpenApiParameter("assignee", {"oneOf": [ID_SCHEMA, {"type": "string", "enum": ["me", "none"]}]},
                     description="Technician id, `me` or `none`."),
    OpenApiParameter("request_type", ID_SCHEMA, description="Request type id."),
    OpenApiParameter("created_after", OpenApiTypes.DATETIME),
    OpenApiParameter("created_before", OpenApiTypes.DATETIME),
    OpenApiParameter("q", OpenApiTypes.STR, description=(
        "Full-text search, as the console's box: words, \"phrases\", -excluded, azienda:, stato:, tecnico:, tipo:. "
        "Results are ranked; follow `next`.")),
    OpenApiParameter("search_after", OpenApiTypes.STR, description="The cursor of the next page of a search."),
]


def _moment(name, value):
    """An ISO 8601 instant, in UTC: PostgreSQL refuses offsets past ±16 hours that Python
    accepts, and a stamp at the calendar's edge may not convert at all (a 400, not a 500)."""
    try:
        moment = parse_datetime(value.replace(" ", "+"))
        if moment is not None and moment.tzinfo is not None:
            return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        pass
    raise exceptions.ValidationError({name: [_("Use an ISO 8601 date and time with its offset.")]})


def _staff_only(request):
    if not visibility.acts_as_staff(request):
        raise exceptions.PermissionDenied(_("Only the desk can do this."))


def _closed():
    return Conflict(_("The ticket is closed: nothing more can be written on it."))


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class TicketViewSet(StreamedUploads, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = TicketSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9]{1,12}"
    read_scope, write_scope = Scope.TICKETS_READ, Scope.TICKETS_WRITE

    def get_queryset(self):
        return visibility.tickets(self.request).select_related(*LIST_RELATED)

    def _message(self, serializer_class, ticket):
        """A reply's or a note's fields, its text checked as the pages check it, and its
        files (multipart) through the same upload checks. Returns (data, body, uploads)."""
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        body = checked_by(ReplyForm, {"body": data.validated_data["body"]}).cleaned_data["body"]
        uploads = []
        if self.request.FILES or self.request.oversized_uploads:
            uploads, refusals = checked_uploads(self.request, ticket)
            if refusals:
                raise exceptions.ValidationError({"files": refusals})
        return data, body, uploads

    def get_object(self):
        return get_object_or_404(self.get_queryset(), code=self.kwargs["code"].upper())

    def _filtered(self, tickets):
        params = self.request.query_params
        for name, values in (("status", Ticket.Status.values), ("priority", Ticket.Priority.values),
                             ("channel", Ticket.Channel.values)):
            value = params.get(name)
            if value and value not in values:
                raise exceptions.ValidationError({name: [_("Choose one of: %(values)s.") % {"values": ", ".join(values)}]})
            if value:
                tickets = tickets.filter(**{name: value})
        if params.get("company"):
            tickets = tickets.filter(company_id=row_id("company", params["company"]))
        if params.get("request_type"):
            tickets = tickets.filter(request_type_id=row_id("request_type", params["request_type"]))
        assignee = params.get("assignee")
        if assignee == "none":
            tickets = tickets.filter(assignee=None)
        elif assignee == "me":
            tickets = tickets.filter(assignee=self.request.user)
        elif assignee:
            tickets = tickets.filter(assignee_id=row_id("assignee", assignee))
        if params.get("created_after"):
            tickets = tickets.filter(created_at__gte=_moment("created_after", params["created_after"]))
        if params.get("created_before"):
            tickets = tickets.filter(created_at__lt=_moment("created_before", params["created_before"]))
        return tickets

    def list(self, request, *args, **kwargs):
        tickets = self._filtered(self.get_queryset())
        query = parse(request.query_params.get("q", ""))
        if query.code:
            tickets = tickets.filter(code=query.code)
        elif query.filters or query.has_text:
            tickets = search_filters.apply(tickets, query.filters)
        if not query.has_text or query.code:
            page = self.paginate_queryset(tickets)
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return self._search(request, query, tickets)

    def _search(self, request, query, tickets):
        company_id = visibility.only_company_id(request)
        scope = [[scope_terms(company_id=company_id)]] if company_id else []
        found = search_tickets(query, tickets, with_notes=visibility.acts_as_staff(request),
                               after=request.query_params.get("search_after"), size=self.paginator.get_page_size(request),
                               related=LIST_RELATED, scope=[*scope, *search_filters.scope_groups(query.filters)])
        following = None
        if found.next_cursor:
            following = request.build_absolute_uri(
                f"{request.path}?{_with(request.query_params, search_after=found.next_cursor)}")
        results = self.get_serializer([hit.ticket for hit in found.hits], many=True).data
        for row, hit in zip(results, found.hits, strict=True):
            row["snippet"] = str(hit.snippet)
        return Response({"next": following, "previous": None, "results": results})

    @extend_schema(request=TicketCreateSerializer, responses={201: TicketSerializer}, parameters=[
        OpenApiParameter("Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER,
                         description="Send the same key when retrying: the ticket is opened once.")])
    def create(self, request):
        data = TicketCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        company, contact = self._company_and_contact(data.validated_data)
        form = checked_by(NewTicketForm, data.validated_data)   # the portal form's rules, once

        def open_it():
            try:
                ticket = actions.open_ticket(company=company, contact=contact, fields=form.ticket_fields(),
                                             channel=Ticket.Channel.API, by=request.user)
            except ledger.NoUnitsLeft:
                raise Conflict(_("%(company)s has no support tickets left: nothing was opened.")
                               % {"company": company.name}) from None
            ticket = self.get_queryset().get(pk=ticket.pk)
            return status.HTTP_201_CREATED, TicketSerializer(ticket, context=self.get_serializer_context()).data

        return run_once(request, open_it)

    def _company_and_contact(self, data):
        request = self.request
        if not visibility.acts_as_staff(request):
            return request.user.contact.company, request.user
        companies = visibility.companies(request)
        company_id = data.get("company") or visibility.only_company_id(request)
        if company_id is None:
            raise exceptions.ValidationError({"company": [_("Name the company the ticket is for.")]})
        company = companies.filter(pk=company_id, is_active=True).first()
        if company is None:
            raise exceptions.ValidationError({"company": [_("No active company has this id.")]})
        contact = None
        if data.get("contact_email"):
            link = Contact.objects.filter(company=company, user__email=data["contact_email"].strip().lower(),
                                          user__is_active=True).select_related("user").first()
            if link is None:
                raise exceptions.ValidationError({"contact_email": [_("No contact of %(company)s has this address.")
                                                                     % {"company": company.name}]})
            contact = link.user
        return company, contact

    # --- the conversation -------------------------------------------------------------

    @extend_schema(responses=MessageSerializer(many=True))
    @action(detail=True, methods=["get"])
    def messages(self, request, code=None):
        ticket = self.get_object()
        messages = ticket.messages.select_related("author").prefetch_related("attachments")
        if not visibility.acts_as_staff(request):
            messages = messages.filter(is_internal=False)
        page = self.paginate_queryset(messages)
        return self.get_paginated_response(MessageSerializer(page, many=True, context=self.get_serializer_context()).data)

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, code=None):
        events = self.get_object().events.select_related("actor")
        _staff_only(request)
        page = self.paginate_queryset(events)
        return self.get_paginated_response(EventSerializer(page, many=True).data)

    @extend_schema(request={"application/json": ReplySerializer, "multipart/form-data": ReplyWithFilesSerializer},
                   responses={201: MessageSerializer})
    @action(detail=True, methods=["post"])
    def replies(self, request, code=None):
        """A public reply (staff: e-mailed to the customer) or the customer's answer; files
        may go with it as multipart/form-data."""
        ticket = self.get_object()
        data, body, uploads = self._message(ReplySerializer, ticket)

        def write():
            try:
                if visibility.acts_as_staff(request):
                    message = actions.reply_to_customer(ticket=ticket, author=request.user, body=body,
                                                        then_status=data.validated_data.get("then_status"),
                                                        uploads=uploads)
                else:
                    message = actions.reply_as_customer(ticket=ticket, author=request.user, body=body, uploads=uploads)
            except actions.TicketClosed:
                raise _closed() from None
            except InvalidTransition:
                raise Conflict(_("The reply was not sent: the ticket cannot go to that status from its "
                                 "current one.")) from None
            return status.HTTP_201_CREATED, MessageSerializer(message).data

        return run_once(request, write)

    @extend_schema(request={"application/json": MessageBodySerializer,
                            "multipart/form-data": NoteWithFilesSerializer}, responses={201: MessageSerializer})
    @action(detail=True, methods=["post"])
    def notes(self, request, code=None):
        ticket = self.get_object()   # another company's ticket is a 404 before any question of role
        _staff_only(request)
        _data, body, uploads = self._message(MessageBodySerializer, ticket)

        def write():
            try:
                message = actions.add_internal_note(ticket=ticket, author=request.user, body=body, uploads=uploads)
            except actions.TicketClosed:
                raise _closed() from None
            return status.HTTP_201_CREATED, MessageSerializer(message).data

        return run_once(request, write)

    # --- the ticket's state ------------------------------------------------------------

    def _changed(self, ticket):
        return Response(TicketSerializer(self.get_queryset().get(pk=ticket.pk),
                                         context=self.get_serializer_context()).data)

    @extend_schema(request=StatusSerializer, responses=TicketSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, code=None):
        ticket = self.get_object()   # another company's ticket is a 404 before any question of role
        _staff_only(request)
        data = StatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            actions.change_status(ticket=ticket, status=data.validated_data["status"], by=request.user)
        except InvalidTransition:
            allowed = ", ".join(f"{status.label} ({status.value})" for status in ticket.allowed_next()) or "-"
            raise Conflict(_("A ticket in status %(status)s can go only to: %(allowed)s.")
                           % {"status": ticket.get_status_display(), "allowed": allowed}) from None
        return self._changed(ticket)

    @extend_schema(request=PrioritySerializer, responses=TicketSerializer)
    @action(detail=True, methods=["post"])
    def priority(self, request, code=None):
        ticket = self.get_object()   # another company's ticket is a 404 before any question of role
        _staff_only(request)
        data = PrioritySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actions.set_priority(ticket=ticket, priority=data.validated_data["priority"], by=request.user)
        return self._changed(ticket)

    @extend_schema(request=None, responses=TicketSerializer)
    @action(detail=True, methods=["post"])
    def claim(self, request, code=None):
        """A technician takes a new ticket (with their own token): of two at once, one wins."""
        ticket = self.get_object()
        if not request.user.is_support_staff:
            raise exceptions.PermissionDenied(_("Only a technician takes a ticket; an integration assigns it."))
        result = actions.claim_ticket(ticket=ticket, technician=request.user)
        if not result.won:
            holder = result.holder.full_name if result.holder else _("nobody")
            raise Conflict(_("The ticket is not in the queue any more (it is with %(holder)s).") % {"holder": holder})
        return self._changed(ticket)

    @extend_schema(request=AssignSerializer, responses=TicketSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, code=None):
        """Hand the ticket to a technician: supervisors and integrations, as in the console."""
        ticket = self.get_object()
        if not (request.user.is_supervisor or visibility.acts_as_staff(request) and not request.user.is_support_staff):
            raise exceptions.PermissionDenied(_("Only a supervisor hands tickets to technicians."))
        data = AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        technician = User.objects.filter(pk=data.validated_data["technician"], is_active=True,
                                         role__in=[User.Role.TECHNICIAN, User.Role.SUPERVISOR]).first()
        if technician is None:
            raise exceptions.ValidationError({"technician": [_("No active technician has this id.")]})
        try:
            actions.reassign_ticket(ticket=ticket, to=technician, by=request.user)
        except actions.TicketClosed:
            raise _closed() from None
        return self._changed(ticket)

    @extend_schema(request=MergeSerializer, responses=TicketSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, code=None):
        """This ticket is a duplicate: it closes into `into`, its unit given back."""
        duplicate = self.get_object()
        _staff_only(request)
        data = MergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        into = self.get_queryset().filter(code=data.validated_data["into"].strip().upper()).first()
        if into is None:
            raise exceptions.ValidationError({"into": [_("No ticket has this code.")]})
        try:
            merge_tickets(duplicate=duplicate, into=into, by=request.user)
        except SplitRefused as refusal:
            raise Conflict(str(refusal.message)) from None
        except actions.TicketClosed:
            raise _closed() from None
        return self._changed(into)

    @extend_schema(request=SplitSerializer, responses={201: TicketSerializer})
    @action(detail=True, methods=["post"])
    def split(self, request, code=None):
        """Part of this ticket becomes a new ticket, linked both ways."""
        ticket = self.get_object()   # another company's ticket is a 404 before any question of role
        _staff_only(request)
        data = SplitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = checked_by(ReplyForm, {"body": data.validated_data["text"]}).cleaned_data["body"]

        def split_it():
            try:
                new = split_ticket(ticket=ticket, text=fields, subject=data.validated_data["subject"].strip(),
                                   by=request.user)
            except SplitRefused as refusal:
                raise Conflict(str(refusal.message)) from None
            except actions.TicketClosed:
                raise _closed() from None
            return status.HTTP_201_CREATED, TicketSerializer(self.get_queryset().get(pk=new.pk)).data

        return run_once(request, split_it)

    # --- file requests --------------------------------------------------------------------

    @extend_schema(methods=["get"], responses=FileRequestSerializer(many=True))
    @extend_schema(methods=["post"], request=FileRequestCreateSerializer, responses={201: FileRequestSerializer})
    @action(detail=True, methods=["get", "post"], url_path="file-requests")
    def file_requests(self, request, code=None):
        ticket = self.get_object()
        if request.method == "GET":
            rows = ticket.file_requests.select_related("ticket", "requested_by")
            page = self.paginate_queryset(rows)
            return self.get_paginated_response(FileRequestSerializer(page, many=True).data)
        _staff_only(request)
        data = FileRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        description = checked_by(ReplyForm, {"body": data.validated_data["description"]}).cleaned_data["body"]

        def ask():
            try:
                made = actions.request_file(ticket=ticket, by=request.user, description=description)
            except actions.TicketClosed:
                raise _closed() from None
            return status.HTTP_201_CREATED, FileRequestSerializer(made).data

        return run_once(request, ask)


def _with(params, **changes):
    merged = params.copy()
    for key, value in changes.items():
        merged[key] = value
    return merged.urlencode()

