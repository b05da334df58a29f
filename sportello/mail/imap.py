"""Polling the support mailbox. A message is flagged \\Seen only after what it
changed is committed: a crash in between means it is fetched again next time,
recognised by its fingerprint, and simply flagged."""

import logging

from django.conf import settings
from imapclient import IMAPClient

from .inbound import receive

logger = logging.getLogger(__name__)
SEEN = b"\\Seen"


def poll_mailbox(*, limit=200, client_factory=IMAPClient) -> dict:
    """Fetch unread messages (at most `limit`), store and route each, then flag it."""
    stats = {"fetched": 0, "new": 0}
    if not settings.IMAP_HOST:
        return stats
    with client_factory(settings.IMAP_HOST, port=settings.IMAP_PORT, ssl=settings.IMAP_SSL, timeout=30) as client:
        client.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
        client.select_folder(settings.IMAP_FOLDER)
        for uid in client.search(["UNSEEN"])[:limit]:
            # PEEK: reading does not mark it; only a committed receive() does.
            fetched = client.fetch([uid], ["BODY.PEEK[]"]).get(uid)
            if not fetched:
                continue
            raw = fetched[b"BODY[]"]
            _mail, new = receive(raw)
            client.add_flags([uid], [SEEN])
            stats["fetched"] += 1
            stats["new"] += new
    return stats
