"""A real IMAP server for the tests: Debian's dovecot, configured in a temporary
folder, listening on 127.0.0.1 on a free port, stopped at the end."""

from dataclasses import dataclass

import pytest
from imapclient import IMAPClient

from sportello.ops.servers import ServerFailed, start_dovecot

MAILBOX_USER, MAILBOX_PASSWORD = "assistenza@sportello.example", "secret-imap"


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
    try:
        server = start_dovecot(MAILBOX_USER, MAILBOX_PASSWORD)
    except ServerFailed as error:
        pytest.fail(str(error))
    yield ImapServer(server.host, server.port, server.user, server.password)
    server.stop()


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
