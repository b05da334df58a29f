"""Webhooks: other systems hear about events (a ticket opened, answered, assigned; a
company running out of tickets; a call-back requested) by an HTTPS POST.

`queue_event` is called inside the transaction that caused the event and writes one
delivery row per subscribed endpoint; the worker sends each after commit, at most once
(a compare-and-set claim, and one row per endpoint and event id), retrying with growing
delays. Each call is signed:

    Sportello-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>

The receiver recomputes the HMAC over the raw body with the endpoint's secret, compares
in constant time, and refuses a `t` older than a few minutes (replays)."""

import hashlib
import hmac
import json
import logging
import socket
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from ipaddress import ip_address
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from sportello.scheduler import heartbeat

from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

# Minutes to wait after each failed attempt; past the last one the delivery is failed (about a day).
RETRY_DELAYS = [1, 5, 15, 60, 240, 480, 720]
USER_AGENT = "Sportello-Webhooks/1"


def queue_event(event, data):
    """Write the event for every active endpoint that wants it. Call inside the
    transaction that caused it: if that rolls back, nothing is sent. `data` is a dict,
    or a function that makes it (called only when someone listens)."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(is_active=True).only("pk", "events") if event in e.events]
    if not endpoints:
        return []
    event_id = uuid.uuid4()
    now = timezone.now()
    data = data() if callable(data) else data
    payload = json.loads(json.dumps({"id": str(event_id), "type": event, "created_at": now.isoformat(), "data": data},
                                    cls=DjangoJSONEncoder))
    rows = WebhookDelivery.objects.bulk_create([
        WebhookDelivery(endpoint=endpoint, event=event, event_id=event_id, payload=payload, created_at=now,
                        next_attempt_at=now) for endpoint in endpoints])
    from .tasks import deliver_webhook

    ids = [row.pk for row in rows]   # bulk_create returns them on SQLite and PostgreSQL
    transaction.on_commit(lambda: [deliver_webhook.enqueue(pk) for pk in ids])
    return ids


def signature(secret, timestamp, body):
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def _refused_address(url):
    """In production a webhook may not reach the desk's own network (loopback, private,
    link-local addresses) unless SPORTELLO_WEBHOOK_ALLOW_PRIVATE says so."""
    if settings.SPORTELLO_WEBHOOK_ALLOW_PRIVATE:
        return ""
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError as error:
        return f"cannot resolve {host}: {error}"
    for address in addresses:
        parsed = ip_address(address.split("%")[0])
        if parsed.is_private or parsed.is_loopback or parsed.is_link_local or parsed.is_reserved:
            return f"{host} resolves to a private address ({address})"
    return ""


def _post(endpoint, delivery):
    """(HTTP status or None, error text)."""
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    refused = _refused_address(endpoint.url)
    if refused:
        return None, refused
    request = urllib.request.Request(endpoint.url, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": USER_AGENT,
        "Sportello-Event": delivery.event, "Sportello-Event-Id": str(delivery.event_id),
        "Sportello-Delivery": str(delivery.pk),
        "Sportello-Signature": signature(endpoint.secret, int(time.time()), body)})
    try:
        with urllib.request.urlopen(request, timeout=settings.SPORTELLO_WEBHOOK_TIMEOUT) as answer:  # noqa: S310
            return answer.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code} {error.reason}"[:500]
    except (urllib.error.URLError, OSError, ValueError) as error:   # refused, timed out, bad address
        reason = getattr(error, "reason", error)
        return None, f"{type(error).__name__}: {reason}"[:500]


def deliver(delivery_id):
    """Send one delivery if it is due. Returns its new state, or None when another
    worker holds it or it is not due (the claim is a compare-and-set)."""
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, state=WebhookDelivery.State.PENDING, next_attempt_at__lte=now,
    ).update(state=WebhookDelivery.State.SENDING, claimed_by=heartbeat.current_worker_id, claimed_at=now)
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    delivery.attempts += 1
    status, error = _post(delivery.endpoint, delivery)
    delivery.last_status = status
    if status is not None and 200 <= status < 300:
        delivery.state, delivery.delivered_at, delivery.last_error = WebhookDelivery.State.DELIVERED, timezone.now(), ""
    else:
        delivery.last_error = error or f"HTTP {status}"
        logger.warning("Webhook %s to %s failed (attempt %s): %s", delivery.pk, delivery.endpoint.url,
                       delivery.attempts, delivery.last_error)
        if delivery.attempts > len(RETRY_DELAYS):
            delivery.state = WebhookDelivery.State.FAILED
        else:
            delivery.state = WebhookDelivery.State.PENDING
            delivery.next_attempt_at = timezone.now() + timedelta(minutes=RETRY_DELAYS[delivery.attempts - 1])
    delivery.claimed_by = ""
    delivery.save(update_fields=["state", "attempts", "last_status", "last_error", "next_attempt_at", "delivered_at",
                                 "claimed_by"])
    return delivery.state


def send_again(delivery):
    """A supervisor's "send again" on a failed delivery: a fresh round of attempts."""
    from .tasks import deliver_webhook

    with transaction.atomic():
        if WebhookDelivery.objects.filter(pk=delivery.pk, state=WebhookDelivery.State.FAILED).update(
                state=WebhookDelivery.State.PENDING, attempts=0, next_attempt_at=timezone.now()):
            transaction.on_commit(lambda: deliver_webhook.enqueue(delivery.pk))
            return True
    return False
