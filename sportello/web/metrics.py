"""/metrics for Prometheus: request counts and timings, mail and task queues, SLA
warnings. With PROMETHEUS_MULTIPROC_DIR set (make run and make cluster set it),
every gunicorn and worker process writes its counters there and one scrape sums
them; the queue figures are read from the database at scrape time, from indexes.

Only a caller with SPORTELLO_METRICS_TOKEN as a Bearer token, or, without a token
configured, one on this machine or the private network, may read it."""

import ipaddress
import os
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

from sportello.web.request_id import client_address

REQUESTS = Counter("sportello_http_requests", "HTTP requests answered", ["method", "status"])
LATENCY = Histogram("sportello_http_request_duration_seconds", "Time to answer, by page", ["view"],
                    buckets=(0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5))
MAIL_SENT = Counter("sportello_mail_sent", "Outgoing e-mails delivered to the mail server")
MAIL_FAILED_ATTEMPTS = Counter("sportello_mail_failed_attempts", "Failed delivery attempts (retried later)")
SLA_WARNINGS = Counter("sportello_sla_warnings", "Service-level warnings sent", ["level"])


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match else "unmatched"
        LATENCY.labels(view).observe(time.perf_counter() - started)
        REQUESTS.labels(request.method if request.method in {"GET", "POST", "HEAD"} else "other",
                        str(response.status_code)).inc()
        return response


class QueueCollector:
    """Gauges read from the database when Prometheus scrapes."""

    def collect(self):
        from django.tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        from sportello.mail.models import InboundMail
        from sportello.outbox.models import OutboundMail
        from sportello.scheduler.heartbeat import last_heartbeat
        from sportello.tickets.models import Ticket

        outbox = GaugeMetricFamily("sportello_outbox_mail", "Outgoing e-mails not yet sent, by state",
                                   labels=["state"])
        for state in (OutboundMail.State.PENDING, OutboundMail.State.SENDING, OutboundMail.State.FAILED):
            outbox.add_metric([state], OutboundMail.objects.filter(state=state).count())
        yield outbox
        tasks = GaugeMetricFamily("sportello_tasks", "Background tasks by state", labels=["state"])
        tasks.add_metric(["ready"], DBTaskResult.objects.ready().count())
        tasks.add_metric(["running"], DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count())
        yield tasks
        yield GaugeMetricFamily("sportello_tickets_in_queue", "New tickets nobody has taken",
                                value=Ticket.objects.queue().count())
        yield GaugeMetricFamily("sportello_mail_to_triage", "Received e-mails waiting for triage",
                                value=InboundMail.objects.filter(outcome=InboundMail.Outcome.TRIAGE).count())
        beat = last_heartbeat()
        if beat is not None:
            yield GaugeMetricFamily("sportello_worker_heartbeat_timestamp_seconds", "Last worker heartbeat",
                                    value=beat.timestamp())


def _registry():
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY

        registry = REGISTRY
    return registry


def _allowed(request):
    token = settings.SPORTELLO_METRICS_TOKEN
    if token:
        return request.headers.get("Authorization", "") == f"Bearer {token}"
    address = client_address(request)
    try:
        return ipaddress.ip_address(address).is_private or ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def metrics(request):
    if not _allowed(request):
        return HttpResponseForbidden("metrics are not public\n", content_type="text/plain")
    registry = _registry()
    output = generate_latest(registry)
    queues = CollectorRegistry()
    queues.register(QueueCollector())
    return HttpResponse(output + generate_latest(queues), content_type=CONTENT_TYPE_LATEST)
