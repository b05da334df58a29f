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


def watch_mailbox(stop, *, on_new_mail, idle_seconds=240, client_factory=IMAPClient, ready=None):
    """IMAP IDLE: call `on_new_mail()` as soon as the server announces a message, so
    mail is picked up in seconds rather than at the next poll. Runs until `stop` is
    set; reconnects after errors (waiting up to a minute). Servers without IDLE are
    left to the periodic poll. `ready` (an Event) is set once it is listening."""
    delay = 1
    while not stop.is_set() and settings.IMAP_HOST:
        try:
            with client_factory(settings.IMAP_HOST, port=settings.IMAP_PORT, ssl=settings.IMAP_SSL,
                                timeout=idle_seconds + 30) as client:
                client.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
                if b"IDLE" not in client.capabilities():
                    logger.info("The IMAP server has no IDLE: relying on the periodic poll.")
                    return
                client.select_folder(settings.IMAP_FOLDER)
                delay = 1
                while not stop.is_set():
                    client.idle()
                    if ready is not None:
                        ready.set()
                    responses = client.idle_check(timeout=idle_seconds)
                    client.idle_done()
                    if any(isinstance(r, tuple) and len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                        on_new_mail()
        except Exception:
            logger.exception("IMAP IDLE connection lost; reconnecting in %s s.", delay)
            stop.wait(delay)
            delay = min(delay * 2, 60)
