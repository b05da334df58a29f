"""Webhooks against a real HTTP receiver on 127.0.0.1: signed, once per event, retried,
never holding a worker longer than the timeout."""

import hashlib
import hmac
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from sportello.outbox.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from sportello.outbox.webhooks import deliver, send_again
from sportello.tickets import actions


class Receiver:
    """An HTTP server that answers with the given statuses in turn (then 200), or
    never answers (`hang`), and keeps what it received."""

    def __init__(self, statuses=(), hang=False):
        self.statuses, self.hang, self.received = list(statuses), hang, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.hang:
                    time.sleep(3)   # longer than the timeout; bounded so the thread ends
                    return
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                receiver.received.append((status, dict(self.headers), body))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def accepted(self):
        return [(headers, body) for status, headers, body in self.received if status == 200]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def make(**kwargs):
        made.append(Receiver(**kwargs))
        return made[-1]

    yield make
    for server in made:
        server.close()


def endpoint_for(url, events=WebhookEvent.values, name="ERP"):
    return WebhookEndpoint.objects.create(name=name, url=url, events=list(events), secret="s3cret" * 8)


def _due_now():
    WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING).update(next_attempt_at=timezone.now())


def verify(secret, headers, body, tolerance=300):
    """What a receiver does (the README shows the same)."""
    parts = dict(item.split("=", 1) for item in headers["Sportello-Signature"].split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"]) and abs(time.time() - int(parts["t"])) < tolerance


def test_a_new_ticket_reaches_the_receiver_signed(people, receiver, open_ticket_for):
    erp = receiver()
    endpoint = endpoint_for(erp.url, events=[WebhookEvent.TICKET_CREATED])
    ticket = open_ticket_for(people.mario)
    delivery = WebhookDelivery.objects.get()
    assert deliver(delivery.pk) == WebhookDelivery.State.DELIVERED
    [(headers, body)] = erp.accepted()
    assert verify(endpoint.secret, headers, body)
    assert not verify("another secret" * 4, headers, body)
    tampered = body.replace(ticket.code.encode(), b"TK999999")
    assert not verify(endpoint.secret, headers, tampered)
    event = json.loads(body)
    assert event["type"] == "ticket.created" and headers["Sportello-Event"] == "ticket.created"
    assert event["data"]["ticket"]["code"] == ticket.code
    assert event["data"]["ticket"]["company"]["customer_code"] == "C0001"
    # Delivered once: asking again sends nothing.
    assert deliver(delivery.pk) is None and len(erp.received) == 1


def test_a_receiver_that_fails_three_times_gets_the_event_exactly_once(people, receiver, open_ticket_for):
    flaky = receiver(statuses=[500, 503, 502])
    endpoint_for(flaky.url, events=[WebhookEvent.TICKET_CREATED])
    open_ticket_for(people.mario)
    delivery = WebhookDelivery.objects.get()
    states = []
    for _attempt in range(6):
        _due_now()
        states.append(deliver(delivery.pk))
    assert states == ["pending", "pending", "pending", "delivered", None, None]
    assert [status for status, _h, _b in flaky.received] == [500, 503, 502, 200]
    assert len(flaky.accepted()) == 1
    event_ids = {headers["Sportello-Event-Id"] for _s, headers, _b in flaky.received}
    assert len(event_ids) == 1      # the same event each time: the receiver can tell a retry
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_error) == (4, "")


def test_retries_wait_longer_each_time_then_the_delivery_fails_and_can_be_sent_again(people, receiver,
                                                                                   open_ticket_for, login):
    down = receiver(statuses=[500] * 20)
    endpoint_for(down.url, events=[WebhookEvent.TICKET_CREATED])
    open_ticket_for(people.mario)
    delivery = WebhookDelivery.objects.get()
    waits = []
    for _attempt in range(20):
        before = timezone.now()
        _due_now()
        if deliver(delivery.pk) == WebhookDelivery.State.FAILED:
            break
        delivery.refresh_from_db()
        waits.append(round((delivery.next_attempt_at - before).total_seconds() / 60))
    delivery.refresh_from_db()
    assert delivery.state == WebhookDelivery.State.FAILED
    assert waits == sorted(waits) and waits[0] == 1 and waits[-1] >= 480
    page = login(people.silvia).get(reverse("console:webhooks"))
    assert "HTTP 500" in page.content.decode()
    down.statuses.clear()
    assert send_again(delivery)
    assert deliver(delivery.pk) == WebhookDelivery.State.DELIVERED


def test_a_receiver_that_never_answers_does_not_hold_the_worker(people, receiver, open_ticket_for, settings):
    settings.SPORTELLO_WEBHOOK_TIMEOUT = 0.5
    silent, good = receiver(hang=True), receiver()
    endpoint_for(silent.url, name="Silenzioso", events=[WebhookEvent.TICKET_CREATED])
    endpoint_for(good.url, name="Buono", events=[WebhookEvent.TICKET_CREATED])
    open_ticket_for(people.mario)
    started = time.monotonic()
    states = {d.endpoint.name: deliver(d.pk) for d in WebhookDelivery.objects.select_related("endpoint")}
    assert time.monotonic() - started < 2.5
    assert states == {"Silenzioso": "pending", "Buono": "delivered"}
    assert "timed out" in WebhookDelivery.objects.get(endpoint__name="Silenzioso").last_error
    assert len(good.accepted()) == 1


def test_nothing_is_sent_for_a_change_that_rolled_back(people, receiver):
    from sportello.customers import ledger
    from sportello.tickets.actions import TicketFields
    from sportello.tickets.models import RequestType

    endpoint_for(receiver().url)
    ledger.adjust_units(company=people.beta, units=-ledger.available_units(people.beta),
                        package=people.beta.packages.get(), reason="test", by=None)
    with pytest.raises(ledger.NoUnitsLeft):
        actions.open_ticket(company=people.beta, contact=people.luca, fields=TicketFields(
            request_type=RequestType.objects.first(), requester_name="Luca", callback_phone="02 1234 5678",
            answer_email="luca@beta.test", subject="Prova", description="Descrizione abbastanza lunga"))
    assert not WebhookDelivery.objects.exists()


def test_each_kind_of_event_is_told_to_those_who_want_it(people, open_ticket_for):
    from sportello.customers.reminders import send_package_reminders
    from sportello.phone.actions import request_callback

    everything = endpoint_for("http://127.0.0.1:9/all")
    endpoint_for("http://127.0.0.1:9/created", events=[WebhookEvent.TICKET_CREATED], name="Solo nuovi")
    ticket = open_ticket_for(people.mario)
    actions.claim_ticket(ticket=ticket, technician=people.anna)
    actions.reply_to_customer(ticket=ticket, author=people.anna, body="Provi così", then_status="waiting")
    actions.reply_as_customer(ticket=ticket, author=people.mario, body="Non va")
    request_callback(company=people.acme, phone_number="02 1234 5678", contact=people.mario)
    from sportello.customers import ledger

    ledger.adjust_units(company=people.acme, units=-ledger.available_units(people.acme) + 1,
                        package=people.acme.packages.get(), reason="test", by=None)
    send_package_reminders()
    seen = list(WebhookDelivery.objects.filter(endpoint=everything).order_by("id").values_list("event", flat=True))
    assert seen == ["ticket.created", "ticket.status_changed", "ticket.assigned", "ticket.status_changed",
                    "ticket.replied_by_staff", "ticket.status_changed", "ticket.replied_by_customer",
                    "callback.requested", "package.low"]
    status = WebhookDelivery.objects.filter(endpoint=everything, event="ticket.status_changed").order_by("id").first().payload
    assert (status["data"]["previous_status"], status["data"]["ticket"]["status"]) == ("new", "open")
    assert list(WebhookDelivery.objects.exclude(endpoint=everything).values_list("event", flat=True)) == [
        "ticket.created"]
    low = WebhookDelivery.objects.get(endpoint=everything, event="package.low").payload["data"]
    assert low == {"company": {"id": people.acme.pk, "name": "Acme S.r.l.", "customer_code": "C0001"}, "units_left": 1}
    send_package_reminders()   # once per reminder, like the e-mails
    assert WebhookDelivery.objects.filter(event="package.low").count() == 1


def test_an_expired_package_is_told(people):
    from sportello.customers import ledger

    endpoint_for("http://127.0.0.1:9/all")
    assert ledger.expire_packages(day=ledger.today() + timedelta(days=800)) == 2
    told = {(d.payload["data"]["company"]["id"], d.payload["data"]["units_expired"])
            for d in WebhookDelivery.objects.filter(event="package.expired")}
    assert told == {(people.acme.pk, 100), (people.beta.pk, 100)}
    ledger.expire_packages(day=ledger.today() + timedelta(days=800))   # nothing left to expire: nothing told
    assert WebhookDelivery.objects.filter(event="package.expired").count() == 2


def test_in_production_a_webhook_may_not_reach_the_desks_own_network(people, receiver, open_ticket_for, settings):
    settings.SPORTELLO_WEBHOOK_ALLOW_PRIVATE = False
    inside = receiver()
    endpoint_for(inside.url, events=[WebhookEvent.TICKET_CREATED])
    open_ticket_for(people.mario)
    assert deliver(WebhookDelivery.objects.get().pk) == "pending"
    assert "private address" in WebhookDelivery.objects.get().last_error and not inside.received


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_one_delivery_twice(people, receiver, open_ticket_for):
    erp = receiver()
    endpoint_for(erp.url, events=[WebhookEvent.TICKET_CREATED])
    open_ticket_for(people.mario)
    delivery_id = WebhookDelivery.objects.get().pk
    start, results = threading.Barrier(4), []

    def worker():
        try:
            start.wait(timeout=10)
            results.append(deliver(delivery_id))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert (results.count("delivered"), results.count(None)) == (1, 3)
    assert len(erp.received) == 1


def test_a_call_held_by_a_dead_worker_is_made_by_another(people, receiver, open_ticket_for,
                                                         django_capture_on_commit_callbacks):
    from sportello.scheduler.models import WorkerHeartbeat
    from sportello.scheduler.recovery import release_dead_workers_webhooks

    erp = receiver()
    endpoint_for(erp.url, events=[WebhookEvent.TICKET_CREATED])
    open_ticket_for(people.mario)
    long_ago = timezone.now() - timedelta(minutes=3)
    WebhookDelivery.objects.update(state=WebhookDelivery.State.SENDING, claimed_by="w-dead", claimed_at=long_ago)
    WorkerHeartbeat.objects.create(worker_id="w-dead", host="h", pid=1, started_at=long_ago, last_seen=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert release_dead_workers_webhooks() == 1
    assert deliver(WebhookDelivery.objects.get().pk) == "delivered" and len(erp.accepted()) == 1
    assert release_dead_workers_webhooks() == 0
