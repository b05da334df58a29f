"""A real IMAP server for the tests: Debian's dovecot, configured in a temporary
folder, listening on 127.0.0.1 on a free port, stopped at the end."""

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from imapclient import IMAPClient

from sportello.testing import free_port, wait_for_port

MAILBOX_USER, MAILBOX_PASSWORD = "assistenza@sportello.example", "secret-imap"
NOBODY = 65534  # mail files belong to this uid, as the passwd-file says


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str

    def client(self):
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        client.select_folder("INBOX")
        return client

    def deliver(self, raw: bytes):
        with self.client() as client:
            client.append("INBOX", raw)

    def unseen(self):
        with self.client() as client:
            return client.search(["UNSEEN"])


@pytest.fixture(scope="session")
def imap_server():
    dovecot = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not Path(dovecot).exists():
        pytest.fail("dovecot not found: install Debian's dovecot-imapd (apt-get install dovecot-imapd).")
    # Not pytest's tmp_path: that is private to root, and dovecot's workers run as other users.
    root = Path(tempfile.mkdtemp(prefix="sportello-dovecot-"))
    root.chmod(0o755)
    port = free_port()
    for folder in ("run", "state", "mail"):
        (root / folder).mkdir()
    os.chmod(root / "mail", 0o777)
    users = root / "users"
    users.write_text(f"{MAILBOX_USER}:{{PLAIN}}{MAILBOX_PASSWORD}:{NOBODY}:{NOBODY}::{root}/mail/{MAILBOX_USER}::\n")
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
        pytest.fail(f"dovecot did not start: {process.stderr.read().decode()[:500]}")
    yield ImapServer("127.0.0.1", port, MAILBOX_USER, MAILBOX_PASSWORD)
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def mailbox(imap_server, settings):
    """The support mailbox, emptied, and Sportello configured to poll it."""
    with imap_server.client() as client:
        uids = client.search(["ALL"])
        if uids:
            client.delete_messages(uids)
            client.expunge()
    settings.IMAP_HOST, settings.IMAP_PORT, settings.IMAP_SSL = imap_server.host, imap_server.port, False
    settings.IMAP_USER, settings.IMAP_PASSWORD, settings.IMAP_FOLDER = imap_server.user, imap_server.password, "INBOX"
    return imap_server
