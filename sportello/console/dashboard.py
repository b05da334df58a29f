"""The supervisors' home: the desk at a glance. Every figure comes from a rollup or
from an index range whose size follows the open work, never the history."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.access import supervisors_only
from sportello.accounts.models import User
from sportello.customers.watch import packages_to_watch
from sportello.mail.models import InboundMail
from sportello.outbox.models import OutboundMail
from sportello.phone.models import CallbackRequest
from sportello.reports import queries
from sportello.single_statement import counted
from sportello.tickets import assignment
from sportello.tickets.models import NO_DEADLINE, AutoAssignment, Ticket

from .charts import bar_chart
from .counting import bounded
from .views import LIST_RELATED, sidebar_counts

LIVE = [Ticket.Status.NEW, Ticket.Status.OPEN, Ticket.Status.WAITING]


def _days(today):
    """(figures of each day from the Monday a week ago or the first of the month, whichever
    comes first, this month's figures): one read of the desk's daily rollup."""
    first = min(today.replace(day=1), today - timedelta(days=today.weekday() + 7))
    days = queries.by_day(first, today)
    month = queries.Figures()
    for day, figures in days.items():
        if day.month == today.month and day.year == today.year:
            month.update(figures)
    return days, month


def _week_figures(today, days):
    """New tickets today and since Monday, against the same days a week earlier."""
    monday = today - timedelta(days=today.weekday())

    def created(start, end):
        return sum(f["created"] for day, f in days.items() if start <= day <= end)

    week_ago = today - timedelta(days=7)
    return {"today": created(today, today), "today_before": created(week_ago, week_ago),
            "week": created(monday, today), "week_before": created(monday - timedelta(days=7), week_ago),
            "chart": bar_chart([(day, days[day]["created"] if day in days else 0)
                                for day in (today - timedelta(days=n) for n in range(13, -1, -1))],
                               title=_("Tickets opened in the last two weeks"), daily=True)}


# Deadline counts stop here: past it "1.000+" is alarm enough, and counting reads at most
# this many index entries per state.
COUNT_LIMIT = 1_000


def _count_parts(now):
    """Answers owed by deadline state, each a range of the deadline index (both columns
    are in it, so no ticket row is read), call-backs waiting and overdue, mail undelivered
    and to sort: read with the navigation's badges, in their statement."""
    owed = Ticket.objects.filter(response_due_at__lt=NO_DEADLINE)
    callbacks = CallbackRequest.objects.filter(state__in=[CallbackRequest.State.WAITING,
                                                           CallbackRequest.State.CLAIMED])
    return {name: counted(queryset, COUNT_LIMIT) for name, queryset in {
        "late": owed.filter(response_due_at__lte=now),
        "at_risk": owed.filter(response_due_at__gt=now, response_at_risk_at__lte=now),
        "on_time": owed.filter(response_due_at__gt=now, response_at_risk_at__gt=now),
        "callbacks_waiting": callbacks, "callbacks_overdue": callbacks.filter(due_at__lte=now),
        "undelivered": OutboundMail.objects.filter(state=OutboundMail.State.FAILED),
        # Also a badge, bounded at 999 there: the tile says "1.000+" like its neighbours.
        "triage": InboundMail.objects.filter(outcome=InboundMail.Outcome.TRIAGE)}.items()}


def _oldest_waiting(limit=8):
    """The answers owed longest. The ids come from the deadline index alone, in a subquery:
    joined to the companies directly, SQLite's planner may walk every company's tickets and sort."""
    ids = (Ticket.objects.filter(response_due_at__lt=NO_DEADLINE)
           .order_by("response_due_at", "response_at_risk_at", "id").values("id")[:limit])
    return sorted(Ticket.objects.filter(pk__in=ids).select_related(*LIST_RELATED),
                  key=lambda t: (t.response_due_at, t.response_at_risk_at, t.pk))


# Seen in the console within this time: at the desk now.
AVAILABLE_WITHIN = timedelta(minutes=15)


def _technicians(now, load):
    people = User.objects.filter(role__in=[User.Role.TECHNICIAN, User.Role.SUPERVISOR], is_active=True).order_by(
        "full_name")
    rows = [{"person": person, **{s: load[str(person.pk)][s] for s in LIVE}} for person in people]
    for row in rows:
        row["total"] = sum(row[s] for s in LIVE)
        seen = row["person"].last_seen_at
        row["at_desk"] = seen is not None and now - seen <= AVAILABLE_WITHIN
    rows.sort(key=lambda row: (row["person"].availability != User.Availability.AVAILABLE, not row["at_desk"],
                               row["person"].full_name))
    return rows


@supervisors_only
def dashboard(request):
    now, today = timezone.now(), timezone.localdate()
    live = queries.live_by("all", "technician")
    statuses = live["all"][""]
    days, month = _days(today)
    parts = _count_parts(now)
    counts = sidebar_counts(request, also=parts)
    figures = {name: bounded(counts.pop(name), COUNT_LIMIT) for name in parts}
    watch = packages_to_watch()
    return render(request, "console/dashboard.html", {
        "statuses": [(Ticket.Status(s).label, statuses[s], s) for s in LIVE],
        "open_total": sum(statuses[s] for s in LIVE),
        "deadlines": {name: figures[name] for name in ("late", "at_risk", "on_time")},
        "week": _week_figures(today, days),
        "month": month,
        "oldest": _oldest_waiting(),
        "technicians": _technicians(now, live["technician"]),
        "auto_assign": AutoAssignment.current(),
        "callbacks": {"waiting": figures["callbacks_waiting"], "overdue": figures["callbacks_overdue"]},
        "mail": {"undelivered": figures["undelivered"], "triage": figures["triage"]},
        "watch": watch[:10], "watch_more": max(0, len(watch) - 10),
        "counts": counts})


@supervisors_only
@require_POST
def auto_assign(request):
    enabled = request.POST.get("enabled") == "1"
    assignment.set_enabled(enabled=enabled, by=request.user)
    messages.success(request, _("Automatic assignment is on.") if enabled else _("Automatic assignment is off."))
    return redirect("console:dashboard")
