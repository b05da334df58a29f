"""/healthz: is this installation able to serve and to work? For load balancers
and monitoring. 200 when healthy, 503 with the reasons; `?scope=web` checks only
what one web process needs (the database), for a load balancer's per-process probe."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.views.decorators.cache import never_cache

# Past these ages something is wrong: no worker, mail not leaving, tasks not running.
MAIL_LATE_AFTER = timedelta(minutes=30)
TASK_LATE_AFTER = timedelta(minutes=5)


def _seconds(moment, now):
    return round((now - moment).total_seconds(), 1) if moment else None


def health_report(*, scope="all"):
    now = timezone.now()
    checks, problems = {}, []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # any driver error means "not reachable"
        checks["database"] = f"error: {type(error).__name__}"
        return checks, ["database unreachable"]
    if scope == "web":
        return checks, problems

    from django_tasks_db.models import DBTaskResult

    from sportello.outbox.models import OutboundMail
    from sportello.scheduler.heartbeat import dead_after, last_heartbeat

    beat = last_heartbeat()
    checks["worker_heartbeat_age_seconds"] = _seconds(beat, now)
    if beat is None or now - beat > dead_after():
        problems.append("no worker is running")
    oldest_mail = (OutboundMail.objects.filter(state__in=[OutboundMail.State.PENDING, OutboundMail.State.SENDING])
                   .order_by("id").values_list("created_at", flat=True).first())
    checks["oldest_undelivered_mail_age_seconds"] = _seconds(oldest_mail, now)
    if oldest_mail and now - oldest_mail > MAIL_LATE_AFTER:
        problems.append("outgoing mail is not being delivered")
    oldest_task = (DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True)
                   .first())
    checks["oldest_queued_task_age_seconds"] = _seconds(oldest_task, now)
    if oldest_task and now - oldest_task > TASK_LATE_AFTER:
        problems.append("background tasks are waiting")
    checks["tasks_running"] = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count()
    return checks, problems


@never_cache
def healthz(request):
    checks, problems = health_report(scope="web" if request.GET.get("scope") == "web" else "all")
    return JsonResponse({"status": "unhealthy" if problems else "ok", "problems": problems, "checks": checks,
                         "version": settings.SPORTELLO_VERSION}, status=503 if problems else 200)
