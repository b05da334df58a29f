"""Tickets: the request itself, its number, who may see it and how its status moves."""

import secrets
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InvalidTransition(Exception):
    """A status change the transition table does not allow."""

    def __init__(self, old, new):
        self.old, self.new = old, new
        super().__init__(f"{old} -> {new}")

    @property
    def message(self):
        return _("A ticket that is “%(old)s” cannot become “%(new)s”.") % {
            "old": Ticket.Status(self.old).label,
            "new": Ticket.Status(self.new).label,
        }


def new_reply_token():
    """The secret in a ticket's reply address (assistenza+t-<token>@…): 80 random bits."""
    return secrets.token_hex(10)


class RequestType(models.Model):
    """What the customer asks for ("Installazione", ...). Retired types stay on old tickets."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True,
                                    help_text=_("Retired types are no longer offered but stay on old tickets."))

    class Meta:
        verbose_name = _("request type")
        verbose_name_plural = _("request types")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class TicketCounter(models.Model):
    """The last ticket number handed out, on SQLite (one writer at a time anyway).
    PostgreSQL hands numbers out from the sequence NUMBER_SEQUENCE instead: a row lock
    held to each opening's commit would make every opening of every company wait for
    the one before, a ceiling of about a hundred openings a second however many cores."""

    TICKETS = "ticket"  # created by a migration, so allocation never races to create it

    name = models.CharField(max_length=30, primary_key=True)
    value = models.PositiveBigIntegerField(default=0)


class TicketQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The only way to reach tickets: staff see all, a company administrator
        sees the company's, a contact sees their own, anyone else nothing."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_support_staff:
            return self
        contact = getattr(user, "contact", None)
        if contact is None:
            return self.none()
        if contact.is_company_admin:
            return self.filter(company_id=contact.company_id)
        return self.filter(company_id=contact.company_id, contact=user)

    def queue(self):
        """New tickets nobody has taken yet."""
        return self.filter(status=Ticket.Status.NEW, assignee=None)

    def open(self):
        """Not yet resolved or closed."""
        return self.filter(is_live=True)


# "No response owed": a far date rather than NULL, so queues sort on one indexed column.
NO_DEADLINE = datetime(9000, 1, 1, tzinfo=UTC)


class Ticket(models.Model):
    class Priority(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("In progress")
        WAITING = "waiting", _("Waiting for customer")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    # Which statuses may follow each status.
    NEXT = {
        Status.NEW: {Status.OPEN, Status.CLOSED},
        Status.OPEN: {Status.WAITING, Status.RESOLVED},
        Status.WAITING: {Status.OPEN, Status.RESOLVED},
        Status.RESOLVED: {Status.OPEN, Status.CLOSED},
        Status.CLOSED: set(),
    }

    class Channel(models.TextChoices):
        WEB = "web", _("Reserved area")
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")
        API = "api", _("Other systems (API)")

    code = models.CharField(_("code"), max_length=12, unique=True, editable=False)
    # No index of their own for these three keys: the lists' indexes below start with them.
    company = models.ForeignKey("customers.Company", on_delete=models.PROTECT, related_name="tickets",
                                verbose_name=_("company"), db_index=False)
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="opened_tickets", verbose_name=_("opened by"), db_index=False)
    # The procedure's fields: who asks, where to call back, where the answer goes.
    requester_name = models.CharField(_("requester name"), max_length=150)
    callback_phone = models.CharField(_("call-back phone"), max_length=30)
    answer_email = models.EmailField(_("answer e-mail"))
    request_type = models.ForeignKey(RequestType, on_delete=models.PROTECT, related_name="tickets",
                                     verbose_name=_("request type"))
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default=Channel.WEB)
    reply_token = models.CharField(max_length=32, unique=True, default=new_reply_token, editable=False)

    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority, default=Priority.NORMAL)
    # Computed by the database from the status, so it can never disagree with it.
    is_live = models.GeneratedField(
        expression=models.Case(models.When(status__in=["resolved", "closed"], then=models.Value(False)),
                               default=models.Value(True)),
        output_field=models.BooleanField(), db_persist=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="assigned_tickets", verbose_name=_("technician"), db_index=False)
    # The customer wrote after our last public answer (set by the replies themselves).
    customer_waiting = models.BooleanField(_("customer replied"), default=False)

    class News(models.TextChoices):
        """What happened that the assignee has not seen yet (cleared when they open the ticket)."""

        NONE = "", _("nothing new")
        REPLY = "reply", _("the customer replied")
        FILE = "file", _("file received")

    news = models.CharField(_("news for the technician"), max_length=5, choices=News, default=News.NONE, blank=True)

    created_at = models.DateTimeField(_("inserted"), default=timezone.now)
    updated_at = models.DateTimeField(_("last update"), default=timezone.now)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    # Service level, derived from the events by sla.tracking (never set by hand).
    response_due_at = models.DateTimeField(_("response due"), default=NO_DEADLINE)
    response_at_risk_at = models.DateTimeField(default=NO_DEADLINE)
    response_started_at = models.DateTimeField(null=True, blank=True)
    sla_warning_level = models.PositiveSmallIntegerField(default=0)  # 0 none, 1 at-risk sent, 2 missed sent
    first_response_met = models.BooleanField(_("first response on time"), null=True)
    first_response_minutes = models.PositiveIntegerField(_("first response (working minutes)"), null=True)
    resolution_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True)
    resolution_met = models.BooleanField(_("resolved on time"), null=True)
    resolution_minutes = models.PositiveIntegerField(null=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-id"]
        indexes = [
            # Console queue: new, unassigned, most urgent deadline first. (Plain indexes, not partial
            # ones: SQLite cannot match a partial index against bound parameters.)
            models.Index(fields=["status", "assignee", "response_due_at", "id"], name="ticket_queue_idx"),
            # The same walk for PostgreSQL, whose planner does not take "assignee IS NULL" as an
            # equality and so would sort every new ticket instead of reading this in order. It
            # holds only the queue's rows: cheap to keep, and it never grows with history.
            models.Index(fields=["response_due_at", "id"], condition=models.Q(status="new", assignee=None),
                         name="ticket_queue_new_idx"),
            # A technician's live tickets, by deadline.
            models.Index(fields=["assignee", "is_live", "response_due_at", "id"], name="ticket_assignee_live_idx"),
            # The SLA sweep looks only at tickets not yet warned.
            models.Index(fields=["sla_warning_level", "response_at_risk_at"], name="ticket_sla_risk_idx"),
            models.Index(fields=["sla_warning_level", "response_due_at"], name="ticket_sla_due_idx"),
            # The service-level report groups first responses by month.
            models.Index(fields=["first_response_at", "first_response_met"], name="ticket_first_response_idx"),
            # Portal lists: a company's or a contact's tickets, newest first, by status. A contact's
            # list also names the company (visible_to): with both in one index PostgreSQL walks it,
            # where it took them for independent, ANDed two bitmaps and sorted every ticket the
            # contact ever opened.
            models.Index(fields=["company", "id"], name="ticket_company_idx"),
            models.Index(fields=["company", "status", "id"], name="ticket_company_status_idx"),
            models.Index(fields=["contact", "company", "id"], name="ticket_contact_company_idx"),
            models.Index(fields=["contact", "company", "status", "id"], name="ticket_contact_status_idx"),
            models.Index(fields=["status", "id"], name="ticket_status_idx"),
            # Answers owed, most urgent first, desk-wide (the dashboard's late and oldest tickets).
            # Its second column answers "at risk?" from the index alone.
            models.Index(fields=["response_due_at", "response_at_risk_at", "id"], name="ticket_due_idx"),
            # Lists sorted by last update.
            models.Index(fields=["updated_at", "id"], name="ticket_updated_idx"),
        ]

    def __str__(self):
        return f"{self.code} {self.subject}"

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    @property
    def response_pending(self):
        return self.response_due_at < NO_DEADLINE

    def sla_state(self, now=None):
        """"missed", "at_risk", "on_time", or None when no response is owed."""
        if not self.response_pending:
            return None
        now = now or timezone.now()
        if now >= self.response_due_at:
            return "missed"
        if now >= self.response_at_risk_at:
            return "at_risk"
        return "on_time"

    def allowed_next(self):
        return [s for s in self.Status if s in self.NEXT[self.status]]

    def move_to(self, status, *, by):
        """The only place a ticket's status changes. Call inside atomic()."""
        from .conversation import Event  # the history module builds on this one

        status = self.Status(status)
        if status not in self.NEXT[self.status]:
            raise InvalidTransition(self.status, status)
        now = timezone.now()
        self.events.create(kind=Event.Kind.STATUS, actor=by, old_value=self.status, new_value=status, created_at=now)
        previous, self.status = self.status, status
        self.updated_at = now
        fields = ["status", "updated_at"]
        if status == self.Status.RESOLVED:
            self.resolved_at = now
            fields.append("resolved_at")
        elif status == self.Status.CLOSED:
            self.closed_at = now
            fields.append("closed_at")
        self.save(update_fields=fields)
        from sportello.outbox.models import WebhookEvent

        from ..webhook_events import ticket_event

        ticket_event(WebhookEvent.TICKET_STATUS_CHANGED, self, previous_status=previous)


NUMBER_SEQUENCE = "tickets_ticket_number"


def allocate_ticket_numbers(count=1):
    """`count` ticket numbers never handed out before, in ascending order. Call inside
    atomic(), as late as the opening allows: a number is never given twice, but on
    PostgreSQL one taken by a transaction that then rolls back is not given again either
    (a gap in the codes, as after a refused opening's checks; openings check the units
    before taking a number). On SQLite the IMMEDIATE transaction holds the write lock,
    so the counter row costs no waiting."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [NUMBER_SEQUENCE, count])
            return sorted(row[0] for row in cursor.fetchall())
        table = connection.ops.quote_name(TicketCounter._meta.db_table)
        cursor.execute(f"UPDATE {table} SET value = value + %s WHERE name = %s RETURNING value",
                       [count, TicketCounter.TICKETS])
        last = cursor.fetchone()[0]
        return list(range(last - count + 1, last + 1))


def format_ticket_code(number):
    return f"TK{number:06d}"


class TicketLink(models.Model):
    """Two tickets that belong together: one split from the other, or merged into it."""

    class Kind(models.TextChoices):
        SPLIT = "split", _("Split from")
        MERGED = "merged", _("Merged into")

    source = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=10, choices=Kind)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "target", "kind"], name="ticket_link_once")]
        indexes = [models.Index(fields=["kind", "created_at"], name="ticket_link_kind_idx")]


class TopicSettings(models.Model):
    """How splitting a ticket works (one row, edited by supervisors)."""

    split_uses_unit = models.BooleanField(
        _("a split ticket uses a package unit"), default=True,
        help_text=_("The customer is told in the new ticket's confirmation."))
    split_deadline_from_split = models.BooleanField(
        _("a split ticket's deadline starts at the split"), default=True,
        help_text=_("Otherwise it keeps the original ticket's opening time."))

    class Meta:
        verbose_name = _("one-topic settings")
        verbose_name_plural = _("one-topic settings")

    def __str__(self):
        return str(_("One-topic settings"))

    @classmethod
    def current(cls):
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row


class AutoAssignment(models.Model):
    """Whether new tickets go by themselves to the available technician with the fewest
    open tickets (one row, switched by supervisors; off until they turn it on). Its row
    lock also makes concurrent workers choose one after the other, so the spread stays even."""

    is_enabled = models.BooleanField(_("assign new tickets automatically"), default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("automatic assignment")
        verbose_name_plural = _("automatic assignment")

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]
