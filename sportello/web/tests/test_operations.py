"""Health, metrics and what happens when a worker dies."""

from datetime import timedelta

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sportello.outbox.delivery import deliver
from sportello.outbox.models import OutboundMail
from sportello.scheduler import heartbeat
from sportello.scheduler.models import WorkerHeartbeat
from sportello.scheduler.recovery import release_dead_workers_mail, requeue_dead_workers_tasks


def test_healthz_is_503_without_a_worker_and_200_with_one(people, client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy" and "no worker is running" in body["problems"]
    assert body["checks"]["database"] == "ok"
    heartbeat.beat("w-alive", started_at=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["checks"]["worker_heartbeat_age_seconds"] < 5
    assert client.get("/healthz?scope=web").json() == {
        "status": "ok", "problems": [], "checks": {"database": "ok"}, "version": response.json()["version"]}


def test_healthz_says_when_mail_and_tasks_are_late(people, client, open_ticket_for):
    heartbeat.beat("w-alive", started_at=timezone.now())
    open_ticket_for(people.giulia)   # its confirmation waits in the outbox
    OutboundMail.objects.update(created_at=timezone.now() - timedelta(hours=1))
    from sportello.outbox.tasks import retry_due_mail

    retry_due_mail.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    body = client.get("/healthz").json()
    assert set(body["problems"]) == {"outgoing mail is not being delivered", "background tasks are waiting"}
    assert body["checks"]["oldest_undelivered_mail_age_seconds"] >= 3600


def test_metrics_show_requests_queues_and_are_not_public(people, client, open_ticket_for, settings):
    open_ticket_for(people.giulia)
    client.get("/accounts/login/")
    text = client.get("/metrics").text
    assert 'sportello_http_requests_total{method="GET",status="200"}' in text
    assert "sportello_http_request_duration_seconds_bucket" in text and 'view="accounts:login"' in text
    assert 'sportello_outbox_mail{state="pending"} 1.0' in text and "sportello_tickets_in_queue 1.0" in text
    assert client.get("/metrics", REMOTE_ADDR="151.99.1.2").status_code == 403
    settings.SPORTELLO_METRICS_TOKEN = "segreto"
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer segreto"}).status_code == 200


def _held_by(worker_id, minutes_ago, people, open_ticket_for):
    open_ticket_for(people.giulia)
    mail = OutboundMail.objects.get()
    OutboundMail.objects.filter(pk=mail.pk).update(state=OutboundMail.State.SENDING, claimed_by=worker_id,
                                                   claimed_at=timezone.now() - timedelta(minutes=minutes_ago))
    return mail


def test_mail_held_by_a_dead_worker_is_sent_by_another_exactly_once(people, open_ticket_for, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    mail = _held_by("w-dead", 3, people, open_ticket_for)
    WorkerHeartbeat.objects.create(worker_id="w-dead", host="h", pid=1, started_at=timezone.now(),
                                   last_seen=timezone.now() - timedelta(minutes=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert release_dead_workers_mail() == 1
    mail.refresh_from_db()
    assert mail.state == OutboundMail.State.PENDING and mail.claimed_by == ""
    task = DBTaskResult.objects.get(task_path__endswith="deliver_mail")
    assert task.args_kwargs["args"] == [mail.pk]
    assert deliver(mail.pk) == OutboundMail.State.SENT and deliver(mail.pk) is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].extra_headers["Message-ID"] == mail.message_id   # the same Message-ID as the first try
    assert release_dead_workers_mail() == 0


def test_mail_held_by_a_live_worker_or_a_web_process_is_left_alone(people, open_ticket_for):
    mail = _held_by("w-alive", 3, people, open_ticket_for)
    heartbeat.beat("w-alive", started_at=timezone.now())
    assert release_dead_workers_mail() == 0
    OutboundMail.objects.filter(pk=mail.pk).update(claimed_by="")   # not a worker: the supervisor decides
    assert release_dead_workers_mail() == 0


def test_a_task_held_by_a_dead_worker_runs_again_elsewhere(db):
    from sportello.outbox.tasks import retry_due_mail

    result = retry_due_mail.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING, worker_ids=["w-dead"],
                                                     started_at=timezone.now() - timedelta(minutes=5))
    assert requeue_dead_workers_tasks() == 1
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
    heartbeat.beat("w-alive", started_at=timezone.now())
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING, worker_ids=["w-alive"],
                                                     started_at=timezone.now() - timedelta(minutes=5))
    assert requeue_dead_workers_tasks() == 0


@pytest.fixture
def failing_then_working_mailer(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2}}}
    return settings


def test_when_the_mail_server_returns_waiting_mail_goes_at_once(people, open_ticket_for, failing_then_working_mailer,
                                                                mailoutbox):
    import sportello.outbox.delivery as delivery

    delivery._last_flush = None
    first = open_ticket_for(people.giulia)
    early = OutboundMail.objects.get(ticket=first)
    assert deliver(early.pk) == OutboundMail.State.PENDING   # the server is down: retry in a minute
    early.refresh_from_db()
    assert early.next_attempt_at > timezone.now()
    failing_then_working_mailer.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    second = OutboundMail.objects.get(ticket=open_ticket_for(people.mario))
    assert deliver(second.pk) == OutboundMail.State.SENT
    early.refresh_from_db()
    assert early.next_attempt_at <= timezone.now()
    assert DBTaskResult.objects.filter(task_path__endswith="retry_due_mail").exists()
