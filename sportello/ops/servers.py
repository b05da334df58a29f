"""Starting the real servers Sportello talks to, on 127.0.0.1, in temporary folders:
dovecot (IMAP), an S3-compatible store (moto), our SMTP sink. Used by the tests and
by `make cluster`."""

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sportello.testing import free_port, wait_for_port

NOBODY = 65534  # mail files belong to this uid, as dovecot's passwd-file says


class ServerFailed(Exception):
    pass


@dataclass
class Dovecot:
    """A dovecot with one mailbox; stop() ends it and removes its folder."""

    process: subprocess.Popen
    root: Path
    host: str
    port: int
    user: str
    password: str

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def start_dovecot(user="assistenza@sportello.example", password="secret-imap"):
    dovecot = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not Path(dovecot).exists():
        raise ServerFailed("dovecot not found: install Debian's dovecot-imapd (apt-get install dovecot-imapd).")
    # Not a folder private to root: dovecot's workers run as other users.
    root = Path(tempfile.mkdtemp(prefix="sportello-dovecot-"))
    root.chmod(0o755)
    port = free_port()
    for folder in ("run", "state", "mail"):
        (root / folder).mkdir()
    os.chmod(root / "mail", 0o777)
    users = root / "users"
    users.write_text(f"{user}:{{PLAIN}}{password}:{NOBODY}:{NOBODY}::{root}/mail/{user}::\n")
    shutil.chown(users, group="dovecot")
    users.chmod(0o640)
    config = root / "dovecot.conf"
    config.write_text(f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {users}
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {users}
}}
""")
    process = subprocess.Popen([dovecot, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if not wait_for_port(port, process=process, timeout=15):
        process.kill()
        raise ServerFailed(f"dovecot did not start: {process.stderr.read().decode()[:500]}")
    return Dovecot(process, root, "127.0.0.1", port, user, password)


def start_moto(port=None):
    """An S3-compatible server (moto). Returns (process, endpoint URL)."""
    port = port or free_port()
    server = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen([str(server), "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not wait_for_port(port, process=process):
        process.kill()
        raise ServerFailed("moto_server did not start")
    return process, f"http://127.0.0.1:{port}"


def create_bucket(endpoint, bucket, region="eu-south-1"):
    import boto3

    boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                 region_name=region).create_bucket(Bucket=bucket,
                                                   CreateBucketConfiguration={"LocationConstraint": region})


def start_smtp_sink(folder, port=None):
    """Our SMTP sink in its own process (so it can be stopped and started). Returns (process, port)."""
    port = port or free_port()
    process = subprocess.Popen([sys.executable, "-m", "sportello.ops.smtp_sink", "--port", str(port),
                                "--folder", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not wait_for_port(port, process=process):
        process.kill()
        raise ServerFailed("the SMTP sink did not start")
    return process, port
