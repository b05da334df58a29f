"""Which worker this process is, and whether the others are alive."""

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import WorkerHeartbeat

# Set by run_worker; empty in web processes and tests (their claims are never taken back
# as a dead worker's, only after the long supervisor timeout).
current_worker_id = ""


def beat(worker_id, *, started_at):
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={
        "host": socket.gethostname()[:255], "pid": os.getpid(), "started_at": started_at, "last_seen": now})


def dead_after():
    return timedelta(seconds=settings.SPORTELLO_WORKER_DEAD_AFTER)


def live_worker_ids(now=None):
    now = now or timezone.now()
    return set(WorkerHeartbeat.objects.filter(last_seen__gte=now - dead_after()).values_list("worker_id", flat=True))


def last_heartbeat():
    return WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()


def forget_old(days=2):
    WorkerHeartbeat.objects.filter(last_seen__lt=timezone.now() - timedelta(days=days)).delete()
