"""Load with faults against the production shape, then the invariants.

    python bench/load.py [--users 120] [--duration 240] [--no-faults]

Starts the cluster (sportello/ops/cluster.py: PostgreSQL, S3, 2 gunicorn processes,
2 workers, an SMTP sink, a dovecot mailbox), seeds companies, customers and
technicians, and runs locust (bench/locustfile.py) for the duration while customer
replies arrive in the IMAP mailbox. Faults, at fixed shares of the duration: one
worker is killed with SIGKILL (25%), the SMTP sink is stopped for a minute (45%),
one gunicorn process is restarted (75%). Then it waits for the queues to drain and
checks: one unit per ticket and a ledger that balances, no ticket code used twice,
every e-mail delivered exactly once, every received message stored once, every file
readable with its SHA-256, nothing stuck. Prints a report; saves it in bench/results/.
"""

import argparse
import csv
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sportello.ops.cluster import Cluster  # noqa: E402
from sportello.testing import free_port  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Faults:
    """Injects each fault at its moment and remembers when, for the report."""

    def __init__(self, cluster, duration, smtp_outage):
        self.cluster, self.duration, self.smtp_outage = cluster, duration, smtp_outage
        self.events, self.windows = [], []

    def run(self, started, stop):
        plan = [(0.25, self.kill_worker), (0.45, self.stop_smtp), (0.75, self.restart_web)]
        for share, action in plan:
            if stop.wait(max(0, started + share * self.duration - time.time())):
                return
            action(stop)

    def note(self, text, seconds_of_errors_allowed=0):
        now = time.time()
        self.events.append((now, text))
        if seconds_of_errors_allowed:
            self.windows.append((now, now + seconds_of_errors_allowed, text))
        log(f"FAULT: {text}")

    def kill_worker(self, stop):
        pid = self.cluster.kill_worker(0)
        self.note(f"worker {pid} killed with SIGKILL (its tasks and mail go to the other worker)")

    def stop_smtp(self, stop):
        self.cluster.stop_smtp()
        self.note(f"SMTP sink stopped for {self.smtp_outage} s")
        stop.wait(self.smtp_outage)
        self.cluster.start_smtp()
        self.note("SMTP sink back")

    def restart_web(self, stop):
        pid = self.cluster.restart_one_web_process()
        self.note(f"gunicorn process {pid} restarted (requests in flight may fail cleanly)", 5)


class InboundMail:
    """Customers' replies by e-mail, delivered into the support mailbox the workers poll."""

    def __init__(self, cluster, per_second):
        self.cluster, self.per_second, self.sent = cluster, per_second, []

    def run(self, stop):
        from imapclient import IMAPClient

        from sportello.tickets.models import Ticket

        dovecot = self.cluster.dovecot
        while not stop.wait(1 / self.per_second):
            tokens = list(Ticket.objects.order_by("-id").values_list("reply_token", "answer_email")[:200])
            if not tokens:
                continue
            token, sender = random.choice(tokens)
            message_id = f"<{uuid.uuid4().hex}@cliente.carico.test>"
            raw = (f"From: Cliente <{sender}>\r\nTo: assistenza+t-{token}@sportello.example\r\n"
                   f"Subject: Re: la Sua richiesta\r\nMessage-ID: {message_id}\r\n"
                   f"Content-Type: text/plain; charset=utf-8\r\n\r\nHo provato, ecco l'esito.\r\n").encode()
            try:
                with IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10) as client:
                    client.login(dovecot.user, dovecot.password)
                    client.append("INBOX", raw)
                self.sent.append(message_id)
            except Exception as error:  # the mailbox is outside the product: report, go on
                log(f"could not deliver a test e-mail: {error}")


def run_locust(cluster, people_file, failures_file, users, seconds, prefix, web_port):
    """Locust with its web interface on loopback only: the driver resets the figures through it
    once every virtual user has logged in (a login costs 0.7 s of PBKDF2 by design; people log
    in once a day, so the steady state is what the figures are for)."""
    env = {**os.environ, "LOAD_PEOPLE": str(people_file), "LOAD_FAILURES": str(failures_file)}
    command = [str(Path(sys.executable).with_name("locust")), "-f", str(ROOT / "bench" / "locustfile.py"),
               "--autostart", "--autoquit", "5", "--web-host", "127.0.0.1", "--web-port", str(web_port),
               "--users", str(users), "--spawn-rate", str(max(1, users // 30)), "--run-time", f"{seconds}s",
               "--host", cluster.url, "--csv", str(prefix), "--loglevel", "WARNING", "--stop-timeout", "10"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def reset_locust_figures(web_port):
    from urllib.request import urlopen

    with urlopen(f"http://127.0.0.1:{web_port}/stats/reset", data=b"", timeout=10) as response:
        return response.status == 200


def wait_for_drain(sent_messages, timeout):
    """Until every e-mail is sent, every received message stored and no task waits."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from sportello.mail.models import InboundMail
    from sportello.outbox.models import OutboundMail

    deadline = time.monotonic() + timeout
    state = {}
    while time.monotonic() < deadline:
        state = {
            "mail_not_sent": OutboundMail.objects.exclude(state=OutboundMail.State.SENT).count(),
            "received_not_stored": len(sent_messages) - InboundMail.objects.filter(
                message_id__in=sent_messages).count(),
            "tasks_waiting": DBTaskResult.objects.filter(
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exclude(
                task_path__startswith="sportello.scheduler").count(),
        }
        if not any(state.values()):
            return True, state
        time.sleep(3)
    return False, state


def check_invariants(cluster, sent_messages):
    from django.core.files.storage import default_storage
    from django.db.models import Count, Q, Sum

    from sportello.customers.models import LedgerEntry
    from sportello.mail.models import InboundMail
    from sportello.outbox.models import OutboundMail
    from sportello.tickets.models import Attachment, Ticket

    results = {}
    tickets = Ticket.objects.count()
    paid = Ticket.objects.exclude(channel=Ticket.Channel.PHONE)
    per_ticket = Counter(LedgerEntry.objects.filter(kind=LedgerEntry.Kind.CONSUME).values_list("ticket_id",
                                                                                              flat=True))
    missing = paid.exclude(pk__in=list(per_ticket)).count()
    results["one unit per ticket"] = (missing == 0 and all(n == 1 for n in per_ticket.values()),
                                      f"{tickets} tickets, {sum(per_ticket.values())} units consumed, "
                                      f"{missing} without a unit")
    totals = LedgerEntry.objects.aggregate(purchased=Sum("units", filter=Q(kind="purchase")),
                                           consumed=Sum("units", filter=Q(kind="consume")),
                                           other=Sum("units", filter=~Q(kind__in=["purchase", "consume"])),
                                           balance=Sum("units"))
    negative = (LedgerEntry.objects.values("package_id").annotate(left=Sum("units")).filter(left__lt=0).count())
    results["ledger balances"] = (
        totals["purchased"] + totals["consumed"] + (totals["other"] or 0) == totals["balance"] and negative == 0,
        f"purchased {totals['purchased']}, consumed {-(totals['consumed'] or 0)}, left {totals['balance']}, "
        f"{negative} packages below zero")
    codes = Ticket.objects.values("code").annotate(n=Count("id")).filter(n__gt=1).count()
    results["no ticket code used twice"] = (codes == 0, f"{tickets} codes, {codes} repeated")

    delivered = Counter()
    for path in cluster.sink_folder.glob("*.eml"):
        delivered[message_from_bytes(path.read_bytes())["Message-ID"]] += 1
    queued = set(OutboundMail.objects.values_list("message_id", flat=True))
    twice = [mid for mid, n in delivered.items() if n > 1]
    lost = queued - set(delivered)
    stray = set(delivered) - queued
    results["every e-mail delivered exactly once"] = (
        not twice and not lost and not stray,
        f"{len(queued)} queued, {sum(delivered.values())} received by the SMTP server, {len(twice)} twice, "
        f"{len(lost)} never, {len(stray)} unknown")

    stored = Counter(InboundMail.objects.filter(message_id__in=sent_messages).values_list("message_id", flat=True))
    results["every received message stored once"] = (
        len(stored) == len(set(sent_messages)) and all(n == 1 for n in stored.values()),
        f"{len(sent_messages)} delivered to the mailbox, {sum(stored.values())} stored")

    bad_files = 0
    attachments = list(Attachment.objects.values_list("file", "sha256"))
    for name, sha256 in attachments:
        try:
            with default_storage.open(name, "rb") as stream:
                bad_files += hashlib.sha256(stream.read()).hexdigest() != sha256
        except Exception:
            bad_files += 1
    results["every file readable and intact"] = (bad_files == 0, f"{len(attachments)} files in S3, "
                                                                 f"{bad_files} missing or altered")
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    stuck_tasks = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exclude(
        task_path__startswith="sportello.scheduler").count()
    failed_tasks = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()
    sending = OutboundMail.objects.filter(state=OutboundMail.State.SENDING).count()
    results["nothing stuck"] = (stuck_tasks == 0 and sending == 0 and failed_tasks == 0,
                                f"{stuck_tasks} tasks running, {failed_tasks} failed, {sending} mails 'sending'")
    return results


def read_stats(prefix):
    def number(value):
        try:
            return float(value)
        except (TypeError, ValueError):   # "N/A" for an action never taken in the measured period
            return 0.0

    with open(f"{prefix}_stats.csv") as handle:
        rows = list(csv.DictReader(handle))
    return [{"name": row["Name"], "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
             "rps": number(row["Requests/s"]), "p50": number(row["50%"]), "p95": number(row["95%"]),
             "p99": number(row["99%"])} for row in rows if int(row["Request Count"])]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=120)
    parser.add_argument("--duration", type=int, default=240, help="seconds of load, measured")
    parser.add_argument("--warmup", type=int, default=90, help="seconds for every virtual user to log in, not measured")
    parser.add_argument("--mail-per-second", type=float, default=2.0)
    parser.add_argument("--smtp-outage", type=int, default=60)
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument("--web-processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    options = parser.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))   # stop the cluster on the way out
    os.environ["TZ"] = "Europe/Rome"   # as Django sets it once loaded: one clock in the log
    time.tzset()
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    cluster = Cluster(web_processes=options.web_processes, threads=options.threads, imap=True, log=log,
                      data_dir=tempfile.mkdtemp(prefix="sportello-load-"), own_database=True)
    report = {"options": vars(options)}
    try:
        cluster.start()
        people = cluster.folder / "people.json"
        log(cluster.manage("seed_load", "--output", str(people)).stdout.strip())
        os.environ.update(cluster.env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "sportello.settings"
        import django

        django.setup()

        failures_file = cluster.folder / "failures.jsonl"
        prefix = cluster.folder / "locust"
        stop = threading.Event()
        inbound = InboundMail(cluster, options.mail_per_second)
        faults = Faults(cluster, options.duration, options.smtp_outage)
        web_port = free_port()
        locust = run_locust(cluster, people, failures_file, options.users, options.warmup + options.duration, prefix,
                            web_port)
        log(f"warm-up: {options.users} virtual users log in over {options.warmup} s")
        time.sleep(options.warmup)
        reset_locust_figures(web_port)
        started = time.time()
        threads = [threading.Thread(target=inbound.run, args=(stop,), daemon=True)]
        if not options.no_faults:
            threads.append(threading.Thread(target=faults.run, args=(started, stop), daemon=True))
        for thread in threads:
            thread.start()
        log(f"load: {options.users} virtual users for {options.duration} s on {cluster.url}")
        output, _ = locust.communicate(timeout=options.duration + 180)
        stop.set()
        for thread in threads:
            thread.join(options.smtp_outage + 30)
        elapsed = time.time() - started
        log("load over; waiting for the queues to drain")
        drained, state = wait_for_drain(inbound.sent, timeout=300)
        report["drained"], report["drain_state"] = drained, state

        stats = read_stats(prefix)
        failures = ([json.loads(line) for line in failures_file.read_text().splitlines()]
                    if failures_file.exists() else [])
        in_window = [f for f in failures if any(a <= f["time"] <= b for a, b, _ in faults.windows)]
        report.update(stats=stats, faults=[(round(t - started), text) for t, text in faults.events],
                      errors_total=len(failures), errors_outside_faults=len(failures) - len(in_window),
                      errors_sample=failures[:10], seconds=round(elapsed), inbound_sent=len(inbound.sent))
        invariants = check_invariants(cluster, inbound.sent)
        report["invariants"] = {name: {"ok": ok, "detail": detail} for name, (ok, detail) in invariants.items()}
    finally:
        cluster.stop()

    print_report(report)
    path = RESULTS / f"load-{stamp}.json"
    path.write_text(json.dumps(report, indent=1))
    print(f"\nReport saved in {path.relative_to(ROOT)}")
    ok = all(item["ok"] for item in report.get("invariants", {}).values()) and report.get("drained")
    sys.exit(0 if ok and report.get("errors_outside_faults") == 0 else 1)


def print_report(report):
    stats = report.get("stats", [])
    total = next((row for row in stats if row["name"] == "Aggregated"), None)
    print("\n== Load ==")
    print(f"{'action':34} {'requests':>9} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in stats:
        print(f"{row['name'][:34]:34} {row['requests']:>9} {row['failures']:>5} {row['rps']:>7.1f} {row['p50']:>6.0f} "
              f"{row['p95']:>6.0f} {row['p99']:>6.0f}")
    if total:
        print(f"\n{total['rps']:.0f} requests/s, p95 {total['p95']:.0f} ms, p99 {total['p99']:.0f} ms over "
              f"{report.get('seconds')} s; {report.get('inbound_sent')} e-mails received by the workers")
    print(f"errors: {report.get('errors_total')} in all, {report.get('errors_outside_faults')} outside the fault "
          f"windows")
    for error in report.get("errors_sample", []):
        print(f"  {error}")
    print("\n== Faults ==")
    for at, text in report.get("faults", []):
        print(f"  at {at:>4} s: {text}")
    print(f"\n== Invariants (queues drained: {report.get('drained')}) ==")
    for name, item in report.get("invariants", {}).items():
        print(f"  {'OK  ' if item['ok'] else 'FAIL'} {name}: {item['detail']}")


if __name__ == "__main__":
    main()
