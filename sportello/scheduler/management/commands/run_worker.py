import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from sportello.mail.imap import watch_mailbox
from sportello.mail.tasks import poll_soon
from sportello.scheduler import heartbeat
from sportello.scheduler.jobs import prune_ticks, run_due_jobs

logger = logging.getLogger("sportello.scheduler")


class Command(BaseCommand):
    help = "Run the background worker: the task queue plus the periodic-job scheduler."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between queue polls when idle.")
        parser.add_argument("--tick", type=float, default=15.0, help="Seconds between scheduler ticks.")
        parser.add_argument("--no-scheduler", action="store_true", help="Run tasks only.")

    def handle(self, *, interval, tick, no_scheduler, **options):
        worker_id = get_random_string(24)
        heartbeat.current_worker_id = worker_id
        stop = threading.Event()
        threading.Thread(target=self.beat, args=(worker_id, stop), daemon=True, name="heartbeat").start()
        if not no_scheduler:
            threading.Thread(target=self.schedule, args=(worker_id, tick, stop), daemon=True, name="scheduler").start()
            if settings.IMAP_HOST:
                threading.Thread(target=watch_mailbox, args=(stop,), kwargs={"on_new_mail": poll_soon},
                                 daemon=True, name="imap-idle").start()
        self.stdout.write(f"Worker {worker_id} running (Ctrl-C to stop).")
        worker = Worker(queue_names=["*"], interval=interval, batch=False, backend_name="default",
                        startup_delay=True, max_tasks=None, worker_id=worker_id, excluded_queue_names=[])
        worker.configure_signals()
        worker.run()

    def beat(self, worker_id, stop, every=10):
        """Alive, every few seconds, whatever the task thread is busy with."""
        started_at = timezone.now()
        while True:
            try:
                heartbeat.beat(worker_id, started_at=started_at)
            except Exception:
                logger.exception("Heartbeat failed; trying again.")
            finally:
                connection.close()
            if stop.wait(every):
                return

    def schedule(self, worker_id, tick, stop):
        ticks = 0
        while not stop.wait(tick if ticks else 0):
            close_old_connections()
            try:
                enqueued = run_due_jobs(worker_id=worker_id)
                if enqueued:
                    logger.info("Scheduler enqueued: %s", ", ".join(enqueued))
                ticks += 1
                if ticks % 240 == 0:
                    prune_ticks()
            except Exception:
                logger.exception("Scheduler tick failed; trying again at the next tick.")
            finally:
                connection.close()
