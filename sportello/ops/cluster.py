"""`make cluster`: the production shape on one machine. PostgreSQL (the local server
or a throwaway one), an S3-compatible object store (moto; MinIO or any S3 endpoint in
production), gunicorn with several processes behind one port, several `run_worker`
processes, a real SMTP sink keeping every message it accepts, and (with --imap) a
dovecot mailbox the workers poll. Ctrl-C stops everything.

The load test (bench/load.py) drives the same class, and injects faults into it."""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from sportello.ops.servers import create_bucket, start_dovecot, start_moto, start_smtp_sink
from sportello.testing import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BUCKET = "sportello-cluster"
KEEP_ALIVE = 75   # seconds an idle connection stays open (see start_web)


def _end_with_parent():
    """Linux: the child gets SIGTERM if the cluster's process dies without stopping it."""
    import ctypes

    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


def _psql(url, sql):
    return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qtAc", sql], capture_output=True, text=True)


class Cluster:
    def __init__(self, *, port=None, web_processes=2, workers=2, threads=4, imap=False, demo=False, data_dir=None,
                 own_database=False, log=print):
        self.port = port or free_port()
        self.web_processes, self.worker_count, self.threads, self.imap = web_processes, workers, threads, imap
        self.demo = demo
        self.keep_files = data_dir is not None
        self.own_database = own_database   # never the DATABASE_URL of the caller (tests)
        self.folder = Path(data_dir or tempfile.mkdtemp(prefix="sportello-cluster-"))
        self.log = log
        self.processes = {}      # name -> Popen
        self.workers = []        # run_worker processes
        self.cleanups = []
        self.env = {}

    # --- start ---------------------------------------------------------------------------------
    def start(self):
        (self.folder / "logs").mkdir(parents=True, exist_ok=True)
        metrics = self.folder / "metrics"
        shutil.rmtree(metrics, ignore_errors=True)
        metrics.mkdir()
        database = self._postgres()
        moto, endpoint = start_moto()
        self.processes["s3"] = moto
        create_bucket(endpoint, BUCKET)
        self.sink_folder = self.folder / "smtp-sink"
        self.sink, self.sink_port = start_smtp_sink(self.sink_folder)
        self.env = {**os.environ, "DATABASE_URL": database, "SPORTELLO_DATA_DIR": str(self.folder / "data"),
                    "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": endpoint, "S3_REGION": "eu-south-1",
                    "S3_ACCESS_KEY_ID": "test", "S3_SECRET_ACCESS_KEY": "test",
                    "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(self.sink_port),
                    "SPORTELLO_BASE_URL": self.url, "PROMETHEUS_MULTIPROC_DIR": str(metrics),
                    "SPORTELLO_WORKER_DEAD_AFTER": os.environ.get("SPORTELLO_WORKER_DEAD_AFTER", "30"),
                    "DB_CONN_MAX_AGE": "60", "PYTHONUNBUFFERED": "1"}
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        if self.demo:
            self.env["SPORTELLO_DEMO"] = "1"
        if self.imap:
            self.dovecot = start_dovecot()
            self.cleanups.append(self.dovecot.stop)
            self.env.update(IMAP_HOST=self.dovecot.host, IMAP_PORT=str(self.dovecot.port), IMAP_SSL="0",
                            IMAP_USER=self.dovecot.user, IMAP_PASSWORD=self.dovecot.password)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        if self.demo:
            self.manage("load_demo")
        self.start_web()
        for _ in range(self.worker_count):
            self.start_worker()
        if not wait_for_port(self.port, process=self.processes["web"], timeout=60):
            raise RuntimeError("gunicorn did not start: see " + str(self.folder / "logs" / "web.log"))
        # gunicorn binds its port before its processes have loaded Django (a few seconds each,
        # longer on a busy machine): "started" means serving, as a load balancer's probe sees it.
        if not self.serving(timeout=90):
            raise RuntimeError("gunicorn does not answer: see " + str(self.folder / "logs" / "web.log"))
        self.log(f"Sportello cluster at {self.url}  ({self.web_processes} web processes, {self.worker_count} workers,"
                 f" PostgreSQL, S3 at {endpoint}, SMTP sink on :{self.sink_port}"
                 + (f", IMAP on :{self.dovecot.port}" if self.imap else "") + f"; files in {self.folder})")
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _postgres(self):
        """The local PostgreSQL with a fresh database, or a throwaway server of our own."""
        configured = os.environ.get("DATABASE_URL", "")
        if configured.startswith("postgres") and not self.own_database:
            return configured
        if shutil.which("psql") and _psql("postgres://postgres@127.0.0.1:5432/postgres", "select 1").returncode == 0:
            # A database of its own, gone when the cluster stops: two clusters never share one.
            base, name = "postgres://postgres@127.0.0.1:5432", f"sportello_cluster_{os.getpid()}"
            created = _psql(f"{base}/postgres", f"CREATE DATABASE {name}")
            if created.returncode:
                raise RuntimeError(created.stderr)
            self.cleanups.append(lambda: _psql(f"{base}/postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            return f"{base}/{name}"
        return self._throwaway_postgres()

    def _throwaway_postgres(self):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not bins:
            raise RuntimeError("PostgreSQL is needed: sudo apt-get install -y postgresql (or set DATABASE_URL)")
        bindir, port, data = bins[-1].parent, free_port(), self.folder / "postgres"
        data.mkdir()
        as_postgres = ["su", "postgres", "-c"] if os.geteuid() == 0 else ["bash", "-c"]
        if os.geteuid() == 0:
            shutil.chown(data, "postgres")
        subprocess.run([*as_postgres, f"{bindir}/initdb -D {data}/db -A trust -U postgres --no-sync"], check=True,
                       capture_output=True)
        subprocess.run([*as_postgres, f"{bindir}/pg_ctl -D {data}/db -w -l {data}/log -o '-p {port} -k {data} "
                                      f"-c listen_addresses=127.0.0.1 -c fsync=off' start"], check=True,
                       capture_output=True)
        self.cleanups.append(lambda: subprocess.run([*as_postgres, f"{bindir}/pg_ctl -D {data}/db -m fast stop"],
                                                    capture_output=True))
        _psql(f"postgres://postgres@127.0.0.1:{port}/postgres", "CREATE DATABASE sportello_cluster")
        return f"postgres://postgres@127.0.0.1:{port}/sportello_cluster"

    def manage(self, *arguments, check=True):
        result = subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=self.env, capture_output=True,
                                text=True)
        if check and result.returncode:
            raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-2000:]}")
        return result

    def _spawn(self, name, command):
        with open(self.folder / "logs" / f"{name}.log", "ab") as log:   # the child keeps its own copy
            return subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True, preexec_fn=_end_with_parent)

    def start_web(self):
        gunicorn = Path(PYTHON).with_name("gunicorn")
        # Idle connections are kept longer than clients and proxies keep theirs (nginx's
        # upstream keepalive_timeout is 60 s): when the server closes one first, a request
        # sent in that instant is lost ("Remote end closed connection without response").
        # An idle connection of the gthread worker costs a socket in its poller, no thread.
        self.processes["web"] = self._spawn("web", [
            str(gunicorn), "sportello.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers",
            str(self.web_processes), "--threads", str(self.threads), "--graceful-timeout", "10",
            "--keep-alive", str(KEEP_ALIVE), "--backlog", "2048"])

    def start_worker(self):
        worker = self._spawn(f"worker-{len(self.workers) + 1}", [PYTHON, "manage.py", "run_worker",
                                                                 "--tick", "5"])
        self.workers.append(worker)
        return worker

    # --- faults ----------------------------------------------------------------------------------
    def kill_worker(self, index=0):
        """SIGKILL: no goodbye, whatever it holds stays held until the others take it over."""
        worker = self.workers[index]
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        return worker.pid

    def stop_smtp(self):
        self.sink.terminate()
        self.sink.wait(10)

    def start_smtp(self):
        self.sink, _port = start_smtp_sink(self.sink_folder, self.sink_port)

    def web_process_pids(self):
        """gunicorn's worker processes (children of the master)."""
        master = self.processes["web"].pid
        children = Path(f"/proc/{master}/task/{master}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def restart_one_web_process(self):
        """SIGTERM to one gunicorn process: it finishes what it is answering and exits; the
        master starts another in its place."""
        pids = self.web_process_pids()
        os.kill(pids[0], signal.SIGTERM)
        return pids[0]

    def serving(self, timeout):
        """Until every web process answers the per-process probe (or `timeout` seconds)."""
        deadline, answered = time.monotonic() + timeout, 0
        while time.monotonic() < deadline and answered < self.web_processes * 2:
            try:
                with urlopen(f"{self.url}/healthz?scope=web", timeout=5) as response:
                    answered += response.status == 200
            except Exception:
                time.sleep(0.5)
        return answered >= self.web_processes * 2

    def healthy(self):
        try:
            with urlopen(f"{self.url}/healthz", timeout=5) as response:
                return json.load(response)["status"] == "ok"
        except Exception:
            return False

    # --- stop ------------------------------------------------------------------------------------
    def stop(self):
        everything = [*self.workers, self.processes.get("web"), getattr(self, "sink", None),
                      self.processes.get("s3")]
        for process in everything:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in everything:
            if process is None:
                continue
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
        for cleanup in reversed(self.cleanups):
            cleanup()
        if not self.keep_files:
            shutil.rmtree(self.folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description="Run Sportello's production shape on this machine.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--web-processes", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--imap", action="store_true", help="also a dovecot mailbox the workers poll")
    parser.add_argument("--demo", action="store_true", help="load the demo data")
    options = parser.parse_args()
    cluster = Cluster(port=options.port, web_processes=options.web_processes, workers=options.workers,
                      imap=options.imap, demo=options.demo)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    try:
        cluster.start()
        print("Ctrl-C to stop.", flush=True)
        while not stopping:
            for name, process in [("web", cluster.processes["web"]), *[(f"worker {n + 1}", w) for n, w in
                                                                       enumerate(cluster.workers)]]:
                if process.poll() is not None:
                    raise RuntimeError(f"{name} stopped (exit {process.returncode}); logs in {cluster.folder}/logs")
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
        print("Cluster stopped.", flush=True)


if __name__ == "__main__":
    main()
